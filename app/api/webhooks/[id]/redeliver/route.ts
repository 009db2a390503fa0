import { readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import { parseWebhookId } from "@/server/webhooks/collection";
import { redeliverEvent } from "@/server/webhooks/manage";
import { redeliverInput } from "@/server/webhooks/schemas";

/** Sends one event again (same webhook-id), ahead of the feed: 202 with the subscription. */
export const POST = route<{ id: string }>("operate", async ({ request, params }) => {
  parseWebhookId(params.id);
  const { position } = await readJsonBody(request, redeliverInput);
  return Response.json(await redeliverEvent(params.id, position), { status: 202 });
});
