import { readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import { createSavedReply } from "@/server/saved-replies/create-saved-reply";
import { listSavedReplies } from "@/server/saved-replies/list-saved-replies";
import { savedReplyInput } from "@/server/saved-replies/schemas";

/** The desk's saved replies, by name. */
export const GET = route("read", async () =>
  Response.json({ items: await listSavedReplies() }, { headers: { "cache-control": "no-store" } }),
);

// "operate" (leads and write tokens), not "write": agents use saved replies, leads keep them.
/** Adds a saved reply: 201 with it and its address. */
export const POST = route("operate", async ({ request, actor }) => {
  const input = await readJsonBody(request, savedReplyInput);
  const reply = await createSavedReply(input, actor);
  return Response.json(reply, {
    status: 201,
    headers: { location: `/api/saved-replies/${reply.id}` },
  });
});
