import type { Collections } from "@/server/db/collections";
import { insertOrUpsert } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { aggregateDashboard, recordContributions } from "@/server/projections/project-dashboard";
import { projectListRows } from "@/server/projections/project-list";
import { toTicketDetailDocument } from "@/server/tickets/queries/ticket-detail/document";
import { toTicketListDocument } from "@/server/tickets/queries/ticket-list/document";
import type { TicketDocument } from "@/server/tickets/write-model";

/**
 * Projects many tickets at once: the same documents and guards as `projectTicket`, in a few
 * commands per batch instead of a dozen round trips per ticket. Used by the rebuild and the
 * catch-up. Documents that do not exist yet are inserted (one write for many documents; an
 * update is one write per document on the embedded database), existing ones get the guarded
 * upsert; the dashboard takes the batch in with one aggregation.
 */
export async function projectBatch(target: Collections, tickets: TicketDocument[], now: Date) {
  await projectListRows(
    target,
    tickets.map((t) => toTicketListDocument(t, now)),
  );
  // Only details that are missing or older: a statement that changes nothing is an error on
  // the embedded database (the guarded upsert collides), and costs a write everywhere.
  const details = new Map<string, number>();
  for (const chunk of chunks(tickets)) {
    const found = target.ticketDetail.find(
      { _id: { $in: chunk.map((t) => t._id) } },
      { projection: { version: 1 } },
    );
    for await (const d of found) details.set(d._id.toHexString(), d.version);
  }
  await insertOrUpsert(
    target.ticketDetail,
    tickets
      .filter((t) => (details.get(t._id.toHexString()) ?? 0) < t.version)
      .map((t) => toTicketDetailDocument(t, now)),
  );
  await recordContributions(target, tickets);
  await aggregateDashboard(target);
}
