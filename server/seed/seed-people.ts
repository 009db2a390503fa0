import { randomBytes } from "node:crypto";
import { createUser } from "@/server/auth/users";
import type { Collections } from "@/server/db/collections";
import type { SeedPeople } from "@/server/seed/ticket-document";
import { AGENTS } from "@/server/seed/texts";

const emailOf = (name: string) =>
  `${name
    .normalize("NFKD")
    .replace(/[^\p{Letter}\p{Number} ]/gu, "")
    .toLowerCase()
    .replaceAll(" ", ".")}@seed.desk.test`;

/**
 * The people seeded tickets are assigned to: whoever already has the name (the demo accounts
 * share two), else a new agent who cannot sign in until a lead sets a password.
 */
export async function ensureSeedPeople(cols: Pick<Collections, "users">): Promise<SeedPeople> {
  const people = new Map<string, { id: string; name: string }>();
  for (const name of AGENTS) {
    let found = await cols.users.findOne({ name }, { projection: { _id: 1 } });
    if (!found) {
      await createUser({
        email: emailOf(name),
        name,
        role: "agent",
        password: randomBytes(24).toString("base64url"),
      }).catch(() => undefined);
      found = await cols.users.findOne({ name }, { projection: { _id: 1 } });
    }
    if (!found) throw new Error(`seed: could not create the person ${name}`);
    people.set(name, { id: found._id.toHexString(), name });
  }
  return people;
}
