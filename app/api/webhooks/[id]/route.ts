import { readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import { parseWebhookId } from "@/server/webhooks/collection";
import { deleteWebhook, getWebhook, updateWebhook } from "@/server/webhooks/manage";
import { webhookPatch } from "@/server/webhooks/schemas";

/** One subscription: where it is in the feed, how far behind, and its last 100 attempts. */
export const GET = route<{ id: string }>("operate", async ({ params }) =>
  Response.json(await getWebhook(params.id), { headers: { "cache-control": "no-store" } }),
);

/** Changes some of its fields; `rotateSecret: true` answers a new secret, this once. */
export const PATCH = route<{ id: string }>("operate", async ({ request, params, actor }) => {
  parseWebhookId(params.id);
  const patch = await readJsonBody(request, webhookPatch);
  return Response.json(await updateWebhook(params.id, patch, actor), {
    headers: { "cache-control": "no-store" },
  });
});

/** Deletes the subscription and its attempts log: 204. */
export const DELETE = route<{ id: string }>("operate", async ({ params }) => {
  await deleteWebhook(params.id);
  return new Response(null, { status: 204 });
});
