import { getCollections } from "@/server/db/client";
import { peopleByIds } from "@/server/people/directory";
import { ValidationError } from "@/server/tickets/domain/errors";
import type { Assignable } from "@/server/tickets/domain/types";

const refuse = (field: string, message: string) =>
  new ValidationError(message, { [field]: [message] });

/** The active person with this id; anyone else is refused, naming the field. */
export async function assignableById(id: string, field = "assigneeId"): Promise<Assignable> {
  const person = (await peopleByIds([id])).get(id.toLowerCase());
  if (!person) throw refuse(field, "There is no person with this id.");
  if (!person.active) {
    throw refuse(field, `${person.name} is deactivated and cannot be given new tickets.`);
  }
  return { id: person.id, name: person.name };
}

/** The one active person with exactly this name (the first version's free-text assignee). */
export async function assignableByName(name: string, field = "assignee"): Promise<Assignable> {
  const { users } = await getCollections();
  // People are few (one desk's staff), and the embedded database indexes only `_id`.
  const matches = await users
    .find({ name, active: true }, { projection: { name: 1 } })
    .limit(2)
    .toArray();
  const [only] = matches;
  if (!only) throw refuse(field, `No active person is called "${name}".`);
  if (matches.length > 1) {
    throw refuse(field, `Several people are called "${name}": assign by id (assigneeId).`);
  }
  return { id: only._id.toHexString(), name: only.name };
}
