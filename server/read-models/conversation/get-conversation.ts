import "server-only";
import type { ObjectId } from "mongodb";
import type { ReadTarget } from "@/server/db/generations";
import { conversationCollections } from "@/server/read-models/conversation/collections";
import {
  entriesOf,
  type ConversationEntryDocument,
} from "@/server/read-models/conversation/document";

/**
 * A ticket's conversation as projected, in order. Reads only the entries the head counts, so an
 * entry inserted by a projection that has not finished is not shown before its head.
 */
export async function getConversation(
  target: ReadTarget,
  ticketId: ObjectId,
): Promise<{ version: number; entries: ConversationEntryDocument[] } | null> {
  const cols = conversationCollections(target);
  const head = await cols.heads.findOne({ _id: ticketId });
  if (!head) return null;
  const entries = await cols.entries
    .find({ _id: entriesOf(ticketId.toHexString()) })
    .sort({ _id: 1 })
    .limit(head.length)
    .toArray();
  return { version: head.version, entries };
}
