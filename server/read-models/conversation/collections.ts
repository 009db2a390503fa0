import type { IndexDescription } from "mongodb";
import { readCollection, type ReadTarget } from "@/server/db/generations";
import type {
  ConversationEntryDocument,
  ConversationHeadDocument,
} from "@/server/read-models/conversation/document";

const ENTRIES = "ticket_conversation";
const HEADS = "ticket_conversation_heads";

/** Both are read and written by `_id` only. */
export const CONVERSATION_INDEXES: Record<string, IndexDescription[]> = {
  [ENTRIES]: [],
  [HEADS]: [],
};

export const conversationCollections = (target: ReadTarget) => ({
  entries: readCollection<ConversationEntryDocument>(target, ENTRIES),
  heads: readCollection<ConversationHeadDocument>(target, HEADS),
});
