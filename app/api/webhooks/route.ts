import { readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import { createWebhook, listWebhooks } from "@/server/webhooks/manage";
import { webhookInput } from "@/server/webhooks/schemas";

// "operate" (leads and write tokens): a subscription sends the desk's events out.

/** Every webhook subscription, with how far each is behind; never their secrets. */
export const GET = route("operate", async () =>
  Response.json({ items: await listWebhooks() }, { headers: { "cache-control": "no-store" } }),
);

/** Subscribes a URL: 201 with the subscription and its signing secret, shown this once. */
export const POST = route("operate", async ({ request, actor }) => {
  const input = await readJsonBody(request, webhookInput);
  const created = await createWebhook(input, actor);
  return Response.json(created, {
    status: 201,
    headers: { location: `/api/webhooks/${created.id}`, "cache-control": "no-store" },
  });
});
