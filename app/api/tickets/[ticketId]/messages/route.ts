import { idempotencyOf, readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import { systemContext } from "@/server/tickets/commands/command-options";
import { receiveMessage, receiveMessageInput } from "@/server/tickets/commands/receive-message";
import { parseTicketId } from "@/server/tickets/ticket-id";

/**
 * An inbound customer message (from an email or chat gateway): 200 on an open ticket; on a
 * closed one, 201 with the follow-up ticket that took it and its address.
 */
export const POST = route<{ ticketId: string }>("write", async ({ request, params, actor }) => {
  parseTicketId(params.ticketId);
  const input = await readJsonBody(request, receiveMessageInput);
  const result = await receiveMessage(params.ticketId, input, {
    ctx: systemContext(actor),
    idempotency: idempotencyOf(request, actor),
  });
  if (result.followUpOf === undefined) return Response.json(result);
  return Response.json(result, {
    status: 201,
    headers: { location: `/api/tickets/${result.ticketId}` },
  });
});
