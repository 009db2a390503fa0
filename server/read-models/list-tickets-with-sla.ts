import "server-only";
import { getCollections } from "@/server/db/client";
import { SlaDueKeys, slaClocksFor, slaOverallOf } from "@/server/read-models/sla/get-clocks";
import { clocksMatch } from "@/server/read-models/sla/outcome";
import type { TicketListPage } from "@/server/read-models/ticket-list/item-schema";
import { listTickets } from "@/server/read-models/ticket-list/list-tickets";
import type { ListTicketsQuery } from "@/server/read-models/ticket-list/query";

/**
 * The ticket list with each row's SLA (due time and state), the `sla` filter and the "due
 * soonest" order, which the SLA read model provides: GET /api/tickets and the /tickets page.
 */
export async function listTicketsWithSla(query: ListTicketsQuery): Promise<TicketListPage> {
  const target = await getCollections();
  const now = new Date();
  // With a target or days, the dashboard's per-target outcomes; else the row's overall state.
  const byTarget =
    query.slaTarget !== undefined || query.slaFrom !== undefined || query.slaTo !== undefined;
  const filtered = byTarget || query.sla !== undefined;
  return listTickets(query, {
    dueOrder: (after) => new SlaDueKeys(target, after),
    async overall(ticketIds) {
      const docs = await slaClocksFor(target, ticketIds);
      return new Map(ticketIds.map((id) => [id, slaOverallOf(docs.get(id), now)]));
    },
    ...(filtered && {
      async keep(ticketIds) {
        const docs = await slaClocksFor(target, ticketIds);
        return new Set(
          ticketIds.filter((id) => {
            const doc = docs.get(id);
            if (!doc) return false;
            if (!byTarget) return slaOverallOf(doc, now).slaState === query.sla;
            return clocksMatch(
              doc.clocks,
              { target: query.slaTarget, result: query.sla, from: query.slaFrom, to: query.slaTo },
              now,
            );
          }),
        );
      },
    }),
  });
}
