import "server-only";
import { getCustomerSummary } from "@/server/read-models/customers/list-customers";
import type { CustomerDetail } from "@/server/read-models/ticket-list/customer-schema";
import { getCustomerTickets } from "@/server/read-models/ticket-list/get-customer";

/**
 * A customer as GET /api/customers/{email} and their page show them: the figures from the
 * customers read model (the same as GET /api/customers lists), the tickets from the ticket
 * list's per-customer keys. Null when no ticket has this customer.
 */
export async function getCustomer(email: string): Promise<CustomerDetail | null> {
  const [summary, tickets] = await Promise.all([
    getCustomerSummary(email),
    getCustomerTickets(email),
  ]);
  return summary ? { ...summary, tickets } : null;
}
