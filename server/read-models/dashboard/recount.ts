import type { Collections } from "@/server/db/collections";
import { contribution } from "@/server/read-models/dashboard/contribution";
import type { Counts } from "@/server/read-models/dashboard/json-text";

/** The dashboard counters recomputed from the write model, streaming over every ticket. */
export async function recountDashboard(cols: Collections): Promise<Counts> {
  const counts: Counts = {};
  const cursor = cols.tickets.find(
    {},
    {
      projection: {
        status: 1,
        priority: 1,
        assigneeId: 1,
        noteCount: 1,
        createdAt: 1,
        triagedAt: 1,
        closedAt: 1,
        tags: 1,
        lastMessageFrom: 1,
        firstResponseAt: 1,
      },
    },
  );
  for await (const ticket of cursor) {
    addContribution(counts, ticket);
  }
  return counts;
}

/** Counters with zeros dropped, so two sets compare equal when they count the same. */
export const nonZero = (counts: Counts): Counts =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));

/** Counts one ticket's contribution into `counts`. */
export function addContribution(counts: Counts, ticket: Parameters<typeof contribution>[0]): void {
  for (const key of contribution(ticket)) counts[key] = (counts[key] ?? 0) + 1;
}
