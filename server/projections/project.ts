import type { ReadTarget } from "@/server/db/generations";
import { READ_MODELS } from "@/server/read-models/registry";
import type { TicketDocument } from "@/server/tickets/write-model";

/** Brings every read model up to this ticket's version. Idempotent. */
export async function projectTicket(target: ReadTarget, ticket: TicketDocument, now: Date) {
  await Promise.all(
    READ_MODELS.filter((m) => !m.projectsLast).map((model) => model.project(target, ticket, now)),
  );
  for (const model of READ_MODELS.filter((m) => m.projectsLast))
    await model.project(target, ticket, now);
}

/**
 * Projects many tickets at once, read model by read model: the same documents and guards as
 * projectTicket, in a few commands per batch instead of a dozen round trips per ticket. Used by
 * the rebuild and the catch-up.
 */
export async function projectTickets(target: ReadTarget, tickets: TicketDocument[], now: Date) {
  const ordered = [
    ...READ_MODELS.filter((m) => !m.projectsLast),
    ...READ_MODELS.filter((m) => m.projectsLast),
  ];
  for (const model of ordered) await model.projectMany(target, tickets, now);
}

/** Finishes what projections left for later (the dashboard's aggregation), in every read model. */
export async function settleReadModels(target: ReadTarget) {
  for (const model of READ_MODELS) await model.settle?.(target);
}

/** Whether any read model has work left for settleReadModels. */
export async function readModelsUnsettled(target: ReadTarget): Promise<boolean> {
  for (const model of READ_MODELS) if (await model.unsettled?.(target)) return true;
  return false;
}

/** The sweep's upkeep of every read model. */
export async function maintainReadModels(target: ReadTarget, now: Date) {
  for (const model of READ_MODELS) await model.maintain?.(target, now);
}
