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
