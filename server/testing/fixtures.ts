import { ObjectId } from "mongodb";
import { getCollections } from "@/server/db/client";
import { settleReadModels } from "@/server/projections/project";
import { Projector } from "@/server/projections/projector";
import type { CommandOptions } from "@/server/tickets/commands/command-options";
import { createTicket, createTicketInput } from "@/server/tickets/commands/create-ticket";

/** Options for a command issued by a test agent at a given time. */
export function as(name = "Test Agent", now = new Date()): CommandOptions {
  return { ctx: { actor: { id: name, name }, now, newId: () => new ObjectId().toHexString() } };
}

/** A projector driven by hand: no polling loop, no delay. */
export const manualProjector = () =>
  new Projector({ collections: getCollections, log: () => undefined });

/** Runs queued projections until nothing but parked dead letters is left. */
export async function drainProjectionQueue(projector = manualProjector()): Promise<void> {
  const cols = await getCollections();
  for (let round = 0; round < 50; round++) {
    const due = await cols.projectionQueue
      .find({ dead: false }, { projection: { _id: 1 } })
      .toArray();
    if (due.length === 0) {
      await settleReadModels(cols);
      return;
    }
    for (const { _id } of due) await projector.processEntry(cols, _id);
  }
  throw new Error("projection queue did not drain");
}

/** Creates a ticket from raw input, parsed by the command's own schema (defaults applied). */
export function create(
  raw: { subject: string; message: string } & Record<string, unknown>,
  options = as(),
) {
  return createTicket(createTicketInput.parse(raw), options);
}

/**
 * People of the desk (agents), inserted directly: tests that assign need real people, and an
 * argon2 hash per person would only slow them down. Returns name → id.
 */
export async function givenPeople(
  names: string[],
  options: { active?: boolean } = {},
): Promise<Map<string, string>> {
  const { users } = await getCollections();
  const ids = new Map<string, string>();
  const now = new Date();
  for (const name of names) {
    const _id = new ObjectId();
    await users.insertOne({
      _id,
      email: `person-${_id.toHexString()}@desk.test`,
      name,
      role: "agent",
      passwordHash: "not-a-hash",
      active: options.active ?? true,
      createdAt: now,
      updatedAt: now,
    });
    ids.set(name, _id.toHexString());
  }
  return ids;
}

/** The person called `name`, created if nobody is: for tests that assign by name. */
export async function givenPerson(name: string): Promise<string> {
  const { users } = await getCollections();
  const found = await users.findOne({ name }, { projection: { _id: 1 } });
  if (found) return found._id.toHexString();
  return (await givenPeople([name])).get(name)!;
}
