import { readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import { parseSavedReplyId } from "@/server/saved-replies/collection";
import { deleteSavedReply } from "@/server/saved-replies/delete-saved-reply";
import { savedReplyInput } from "@/server/saved-replies/schemas";
import { updateSavedReply } from "@/server/saved-replies/update-saved-reply";

// "operate" (leads and write tokens), not "write": agents use saved replies, leads keep them.

/** Replaces a saved reply's name and body. A malformed id is a 404 before the body is read. */
export const PUT = route<{ id: string }>("operate", async ({ request, params, actor }) => {
  parseSavedReplyId(params.id);
  const input = await readJsonBody(request, savedReplyInput);
  return Response.json(await updateSavedReply(params.id, input, actor));
});

/** Deletes a saved reply: 204. */
export const DELETE = route<{ id: string }>("operate", async ({ params }) => {
  await deleteSavedReply(params.id);
  return new Response(null, { status: 204 });
});
