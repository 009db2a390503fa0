import "server-only";
import { listTickets } from "@/server/read-models/ticket-list/list-tickets";
import { listTicketsQuery } from "@/server/read-models/ticket-list/query";
import type { TicketListItem } from "@/server/read-models/ticket-list/item-schema";
import type { CustomerDetail } from "@/server/read-models/ticket-list/customer-schema";

/** More tickets than any one customer has; it bounds the read (10 pages of the list). */
const MAX_CUSTOMER_TICKETS = 1_000;
const PAGE = 100;

/**
 * A customer, a query of the ticket list read model (not a read model of its own): its key index has a facet per customer email
 * (keys.ts), so their tickets are a few `_id` range reads, whatever the size of the desk. The
 * figures are computed from those rows, so they are exactly what the list shows. Null when no
 * ticket has this customer.
 */
export async function getCustomer(email: string): Promise<CustomerDetail | null> {
  const rows: TicketListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTickets(
      listTicketsQuery.parse({ customer: email, limit: String(PAGE), ...(cursor && { cursor }) }),
    );
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < MAX_CUSTOMER_TICKETS);
  if (rows.length === 0) return null;

  const tickets = [...rows].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.ticketId.localeCompare(a.ticketId),
  );
  const count = (status: string) => rows.filter((t) => t.status === status).length;
  return {
    email: email.trim().toLowerCase(),
    // The list's order is most recently updated first: the newest name wins.
    name: rows.find((t) => t.customer?.name)?.customer?.name ?? null,
    ticketCounts: { open: count("open"), triaged: count("triaged"), closed: count("closed") },
    firstContactAt: tickets.at(-1)!.createdAt,
    lastContactAt: rows.map((t) => t.lastMessageAt).reduce((a, b) => (a > b ? a : b)),
    tickets: tickets.map((t) => ({
      ticketId: t.ticketId,
      subject: t.subject,
      status: t.status,
      createdAt: t.createdAt,
      lastMessageAt: t.lastMessageAt,
      awaitingReply: t.awaitingReply,
    })),
  };
}
