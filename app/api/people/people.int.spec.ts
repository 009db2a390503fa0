import { describe, expect, it } from "vitest";
import * as people from "@/app/api/people/route";
import { createUser, setUserActive } from "@/server/auth/users";
import { send } from "@/server/testing/http";

describe("GET /api/people", () => {
  it("lists the active people (id, name, role) by name, for any caller with credentials", async () => {
    // given a deactivated person beside the test callers
    const gone = await createUser({
      email: "gone@people.test",
      name: "Aaron Gone",
      role: "agent",
      password: "a long enough password",
    });
    await setUserActive(gone.userId, false);

    // when a signed-in agent asks (after the test lead signed in too)
    await send(people.GET, "/api/people", { as: "lead" });
    const res = await send(people.GET, "/api/people", { as: "agent" });

    // then the active people come back by name, without emails, the deactivated one left out
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { id: expect.stringMatching(/^[0-9a-f]{24}$/), name: "Test Agent", role: "agent" },
        { id: expect.stringMatching(/^[0-9a-f]{24}$/), name: "Test Lead", role: "lead" },
      ],
    });
    // and a read token gets the same
    expect((await send(people.GET, "/api/people", { as: "read" })).body).toEqual(res.body);
  });

  it("refuses a caller without credentials: 401", async () => {
    const res = await send(people.GET, "/api/people", { as: "anonymous" });
    expect(res.status).toBe(401);
    expect(res.contentType).toContain("application/problem+json");
  });
});
