import "server-only";
import { listTickets } from "@/server/read-models/ticket-list/list-tickets";
import { listTicketsQuery } from "@/server/read-models/ticket-list/query";
import type { TicketListItem } from "@/server/read-models/ticket-list/item-schema";
import type { CustomerDetail } from "@/server/read-models/ticket-list/customer-schema";

/** More tickets than any one customer has; it bounds the read (10 pages of the list). */
const MAX_CUSTOMER_TICKETS = 1_000;
const PAGE = 100;

/**
 * A customer's tickets, newest first, from the ticket list read model: its key index has a facet
 * per customer email (keys.ts), so they are a few `_id` range reads whatever the size of the
 * desk, with each ticket's status and awaiting state as the list shows them.
 */
export async function getCustomerTickets(email: string): Promise<CustomerDetail["tickets"]> {
  const rows: TicketListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTickets(
      listTicketsQuery.parse({ customer: email, limit: String(PAGE), ...(cursor && { cursor }) }),
    );
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < MAX_CUSTOMER_TICKETS);
  return rows
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.ticketId.localeCompare(a.ticketId))
    .map((t) => ({
      ticketId: t.ticketId,
      subject: t.subject,
      status: t.status,
      createdAt: t.createdAt,
      lastMessageAt: t.lastMessageAt,
      awaitingReply: t.awaitingReply,
    }));
}
