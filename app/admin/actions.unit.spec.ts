import { MongoNetworkError } from "mongodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as apiTokens from "@/server/auth/api-tokens";
import { createApiToken } from "@/server/auth/api-tokens";
import type * as users from "@/server/auth/users";
import { createUser } from "@/server/auth/users";
import { createPersonAction, createTokenAction } from "@/app/admin/actions";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/server/db/client", () => ({ reportDatabaseOutcome: vi.fn() }));
vi.mock("@/server/http/authorized-action", () => ({
  actionPrincipal: vi.fn(() =>
    Promise.resolve({
      kind: "user",
      userId: "u1",
      email: "l@desk.test",
      name: "Lee",
      role: "lead",
    }),
  ),
}));
vi.mock("@/server/auth/users", async (original) => ({
  ...(await original<typeof users>()),
  createUser: vi.fn(),
}));
vi.mock("@/server/auth/api-tokens", async (original) => ({
  ...(await original<typeof apiTokens>()),
  createApiToken: vi.fn(),
}));

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

const outage = () => new MongoNetworkError("connect ECONNREFUSED 127.0.0.1:27017");

afterEach(() => vi.clearAllMocks());

// The admin forms used to let a database outage throw to the error page; the ticket forms
// already said so beside the form. Now every action maps it the same way.
describe("admin actions while the database cannot be reached", () => {
  it("creating a person says so inline, and never sends the typed password back", async () => {
    vi.mocked(createUser).mockRejectedValue(outage());

    const state = await createPersonAction(
      { status: "idle" },
      form({ name: "Ann", email: "ann@desk.test", role: "agent", password: "a long password 1" }),
    );

    expect(state).toMatchObject({
      status: "error",
      kind: "unavailable",
      message: expect.stringMatching(/^The database cannot be reached right now/),
      values: {},
    });
  });

  it("creating a token says so inline", async () => {
    vi.mocked(createApiToken).mockRejectedValue(outage());

    const state = await createTokenAction({ status: "idle" }, form({ name: "CRM", scope: "read" }));

    expect(state).toMatchObject({ status: "error", kind: "unavailable" });
  });
});
