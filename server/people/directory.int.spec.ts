import { ObjectId } from "mongodb";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser, setUserActive } from "@/server/auth/users";
import { listActivePeople, peopleByIds } from "@/server/people/directory";

const person = (name: string, role: "agent" | "lead") =>
  createUser({
    email: `${name.split(" ")[0]!.toLowerCase()}@directory.test`,
    name,
    role,
    password: "a long enough password",
  });

let ids: Record<"zoe" | "aisha" | "bo" | "gone", string>;

beforeAll(async () => {
  // given four people, one of them deactivated, added out of order
  const [zoe, aisha, bo, gone] = await Promise.all([
    person("Zoë Lead", "lead"),
    person("aisha Khan", "agent"),
    person("Bo Agent", "agent"),
    person("Gone Person", "agent"),
  ]);
  await setUserActive(gone.userId, false);
  ids = { zoe: zoe.userId, aisha: aisha.userId, bo: bo.userId, gone: gone.userId };
});

describe("listActivePeople", () => {
  it("lists the active people by name, ignoring case, with id, name and role only", async () => {
    expect(await listActivePeople()).toEqual([
      { id: ids.aisha, name: "aisha Khan", role: "agent" },
      { id: ids.bo, name: "Bo Agent", role: "agent" },
      { id: ids.zoe, name: "Zoë Lead", role: "lead" },
    ]);
  });
});

describe("peopleByIds", () => {
  it("resolves ids to people, deactivated ones included and marked", async () => {
    // when the ids an assignee list stored are resolved
    const found = await peopleByIds([ids.bo, ids.gone, ids.bo]);

    // then each known id maps to its person, once
    expect(found.size).toBe(2);
    expect(Object.fromEntries(found)).toEqual({
      [ids.bo]: { id: ids.bo, name: "Bo Agent", role: "agent", active: true },
      [ids.gone]: { id: ids.gone, name: "Gone Person", role: "agent", active: false },
    });
  });

  it("leaves out unknown and malformed ids, and reads upper-case ids as lower case", async () => {
    const unknown = new ObjectId().toHexString();

    const found = await peopleByIds([unknown, "nope", "", '{"$ne":null}', ids.zoe.toUpperCase()]);

    expect([...found.keys()]).toEqual([ids.zoe]);
    expect(found.get(ids.zoe)).toMatchObject({ name: "Zoë Lead", role: "lead", active: true });
  });

  it("answers an empty map for no ids", async () => {
    expect((await peopleByIds([])).size).toBe(0);
  });
});
