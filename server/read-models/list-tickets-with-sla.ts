import "server-only";
import { getCollections } from "@/server/db/client";
import { SlaDueKeys, slaClocksFor, slaOverallOf } from "@/server/read-models/sla/get-clocks";
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
  return listTickets(query, {
    dueOrder: (after) => new SlaDueKeys(target, after),
    async overall(ticketIds) {
      const docs = await slaClocksFor(target, ticketIds);
      return new Map(ticketIds.map((id) => [id, slaOverallOf(docs.get(id), now)]));
    },
  });
}
