import { readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import { heartbeat, presenceInput } from "@/server/presence/presence";
import { parseTicketId } from "@/server/tickets/ticket-id";

/**
 * The ticket page's heartbeat: "I have this ticket open (and am typing, or not)", or "I left";
 * answers who else is there. Ephemeral: no version, no history, no event.
 */
export const POST = route<{ ticketId: string }>("write", async ({ request, params, actor }) => {
  parseTicketId(params.ticketId);
  const input = await readJsonBody(request, presenceInput);
  return Response.json(await heartbeat(params.ticketId.toLowerCase(), actor, input), {
    headers: { "cache-control": "no-store" },
  });
});
