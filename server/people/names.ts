import "server-only";
import { getCollections } from "@/server/db/client";
import { peopleByIds } from "@/server/people/directory";

/**
 * Read models keep a person's id, never their name, so a rename shows everywhere at once: names
 * are looked up here when a page or a response is put together. People are one desk's staff,
 * read by `_id`.
 */
export async function personNames(ids: Iterable<string | null>): Promise<Map<string, string>> {
  const people = await peopleByIds([...ids].filter((id): id is string => id !== null));
  const names = new Map<string, string>();
  for (const [id, person] of people) {
    names.set(id, person.active ? person.name : `${person.name} (deactivated)`);
  }
  return names;
}

/** A person's display name: unknown ids (a removed person) read as such. */
export const displayName = (names: Map<string, string>, id: string | null) =>
  id === null ? null : (names.get(id) ?? "Unknown person");

/**
 * The person an `assignee` filter names: a person's id, or (as links from the first version
 * have it) a name held by exactly one person. A name nobody has matches no ticket.
 */
export async function personIdFor(assignee: string): Promise<string> {
  if (/^[0-9a-f]{24}$/i.test(assignee)) return assignee.toLowerCase();
  const { users } = await getCollections();
  const found = await users
    .find({ name: assignee }, { projection: { _id: 1 } })
    .limit(2)
    .toArray();
  return found.length === 1 && found[0] ? found[0]._id.toHexString() : "nobody";
}
