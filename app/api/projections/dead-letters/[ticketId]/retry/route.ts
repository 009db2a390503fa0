import { route } from "@/server/http/route";
import { retryDeadLetterTicket } from "@/server/projections/status-queries";

/** Puts a ticket that was parked after repeated failures back in the projection queue. */
export const POST = route<{ ticketId: string }>("operate", async ({ params }) => {
  await retryDeadLetterTicket(params.ticketId);
  return Response.json({ ticketId: params.ticketId.toLowerCase(), retried: true });
});
