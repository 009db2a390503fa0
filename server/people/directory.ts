import "server-only";
import { ObjectId } from "mongodb";
import { getCollections } from "@/server/db/client";
import type { Role } from "@/server/auth/types";

/** Someone who can be picked (an assignee, a mention): never their email or password. */
export interface Person {
  id: string;
  name: string;
  role: Role;
}

/** A person as a reader resolving stored ids sees them: deactivated people too, marked. */
export interface DirectoryEntry extends Person {
  active: boolean;
}

/** Far more people than a desk has; it bounds the read. */
const MAX_PEOPLE = 1_000;

const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Everyone who can sign in, by name, for pickers; deactivated people are left out. */
export async function listActivePeople(): Promise<Person[]> {
  const { users } = await getCollections();
  // The embedded database scans for any filter but `_id`; the users collection is small.
  const docs = await users
    .find({ active: true }, { projection: { name: 1, role: 1 } })
    .limit(MAX_PEOPLE)
    .toArray();
  return docs
    .map((doc) => ({ id: doc._id.toHexString(), name: doc.name, role: doc.role }))
    .sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The people with these ids (user ids, 24 hexadecimal characters), deactivated ones included,
 * keyed by id (in lower case); ids that are malformed or name no one are simply absent. One
 * `_id $in` read, which the embedded database answers from its index.
 */
export async function peopleByIds(ids: string[]): Promise<Map<string, DirectoryEntry>> {
  const wanted = [...new Set(ids.filter((id) => /^[0-9a-f]{24}$/i.test(id)))].map((id) =>
    ObjectId.createFromHexString(id.toLowerCase()),
  );
  const found = new Map<string, DirectoryEntry>();
  if (wanted.length === 0) return found;
  const { users } = await getCollections();
  const docs = await users
    .find({ _id: { $in: wanted } }, { projection: { name: 1, role: 1, active: 1 } })
    .toArray();
  for (const doc of docs) {
    const id = doc._id.toHexString();
    found.set(id, { id, name: doc.name, role: doc.role, active: doc.active });
  }
  return found;
}
