import { describe, expect, it } from "vitest";
import { authorize, AuthError, type Access } from "@/server/auth/access";
import type { Principal } from "@/server/auth/types";

const callers: Record<string, Principal | null> = {
  none: null,
  agent: { kind: "user", userId: "u1", email: "a@desk.test", name: "Agent", role: "agent" },
  lead: { kind: "user", userId: "u2", email: "l@desk.test", name: "Lead", role: "lead" },
  read: { kind: "token", tokenId: "t1", name: "Reader", scope: "read" },
  write: { kind: "token", tokenId: "t2", name: "Writer", scope: "write" },
};

// The table in server/auth/access.ts and docs/security.md: 200 passes, 401/403 refuse.
const TABLE: Record<Access, Record<keyof typeof callers, 200 | 401 | 403>> = {
  public: { none: 200, agent: 200, lead: 200, read: 200, write: 200 },
  read: { none: 401, agent: 200, lead: 200, read: 200, write: 200 },
  write: { none: 401, agent: 200, lead: 200, read: 403, write: 200 },
  dashboard: { none: 401, agent: 403, lead: 200, read: 200, write: 200 },
  operate: { none: 401, agent: 403, lead: 200, read: 403, write: 200 },
  admin: { none: 401, agent: 403, lead: 200, read: 403, write: 403 },
};

const outcome = (principal: Principal | null, access: Access) => {
  try {
    authorize(principal, access);
    return 200;
  } catch (error) {
    if (error instanceof AuthError) return error.status;
    throw error;
  }
};

describe("authorize", () => {
  for (const [access, row] of Object.entries(TABLE) as [Access, (typeof TABLE)[Access]][]) {
    it(`given each caller, when it asks for ${access}, then it gets its row of the table`, () => {
      const got = Object.fromEntries(
        Object.entries(callers).map(([name, principal]) => [name, outcome(principal, access)]),
      );
      expect(got).toEqual(row);
    });
  }

  it("says why a read token is refused a command", () => {
    expect(() => authorize(callers.read ?? null, "write")).toThrow(/scope is "read"/);
  });
});
