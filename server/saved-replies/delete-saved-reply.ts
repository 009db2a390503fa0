import "server-only";
import { parseSavedReplyId, savedRepliesCollection } from "@/server/saved-replies/collection";
import { SavedReplyNotFoundError } from "@/server/saved-replies/errors";

/** Deletes a saved reply; an unknown or malformed id (or one deleted already) is not found. */
export async function deleteSavedReply(id: string): Promise<void> {
  const _id = parseSavedReplyId(id);
  const { deletedCount } = await (await savedRepliesCollection()).deleteOne({ _id });
  if (deletedCount !== 1) throw new SavedReplyNotFoundError(id);
}
