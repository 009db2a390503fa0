import type { Collections } from "@/server/db/collections";
import { toTicketDetailDocument } from "@/server/tickets/queries/ticket-detail/document";
import { toTicketListDocument } from "@/server/tickets/queries/ticket-list/document";
import type { TicketDocument } from "@/server/tickets/write-model";
import { recordContributions } from "@/server/projections/project-dashboard";
import { projectListRow } from "@/server/projections/project-list";
import { writeIfNewer } from "@/server/projections/version-guard";

/**
 * Recomputes every per-ticket read document from the write document, and records the ticket's
 * dashboard contribution for the next aggregation (aggregateDashboard). Idempotent.
 */
export async function projectTicket(cols: Collections, ticket: TicketDocument, now: Date) {
  await Promise.all([
    projectListRow(cols, toTicketListDocument(ticket, now)),
    writeIfNewer(cols.ticketDetail, toTicketDetailDocument(ticket, now)),
    recordContributions(cols, [ticket]),
  ]);
}
