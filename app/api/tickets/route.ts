import { idempotencyOf, readJsonBody, readQuery } from "@/server/http/request";
import { route } from "@/server/http/route";
import { systemContext } from "@/server/tickets/commands/command-options";
import { createTicket, createTicketInput } from "@/server/tickets/commands/create-ticket";
import { listTicketsWithSla } from "@/server/read-models/list-tickets-with-sla";
import { listTicketsQuery } from "@/server/read-models/ticket-list/query";

/** One page of tickets from the list read model, newest update first. */
export const GET = route("read", async ({ request }) => {
  const query = readQuery(request, listTicketsQuery);
  return Response.json(await listTicketsWithSla(query), {
    headers: { "cache-control": "no-store" },
  });
});

/** CreateTicket: 201 with the consistency token and the new ticket's address. */
export const POST = route("write", async ({ request, actor }) => {
  const input = await readJsonBody(request, createTicketInput);
  const result = await createTicket(input, {
    ctx: systemContext(actor),
    idempotency: idempotencyOf(request, actor),
  });
  return Response.json(result, {
    status: 201,
    headers: { location: `/api/tickets/${result.ticketId}` },
  });
});
