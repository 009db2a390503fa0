import { readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import { parseWebhookId } from "@/server/webhooks/collection";
import { replayWebhook } from "@/server/webhooks/manage";
import { replayInput } from "@/server/webhooks/schemas";

/** Sends everything again from a position or a time, in feed order: 202 with the subscription. */
export const POST = route<{ id: string }>("operate", async ({ request, params }) => {
  parseWebhookId(params.id);
  const input = await readJsonBody(request, replayInput);
  return Response.json(await replayWebhook(params.id, input), { status: 202 });
});
