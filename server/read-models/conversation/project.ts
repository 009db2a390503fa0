import type { ObjectId } from "mongodb";
import { collections } from "@/server/db/collections";
import type { ReadTarget } from "@/server/db/generations";
import { insertMissing, insertOrUpsert } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { conversationCollections } from "@/server/read-models/conversation/collections";
import {
  conversationHead,
  firstEntry,
  laterEntry,
  type ConversationEntryDocument,
  type ConversationHeadDocument,
} from "@/server/read-models/conversation/document";
import {
  messageDocumentId,
  type MessageDocument,
  type TicketDocument,
} from "@/server/tickets/write-model";

type Head = Pick<ConversationHeadDocument, "_id" | "version" | "length" | "customerEmail">;

/** The entries a ticket's conversation lacks, given how far it is projected (`head`). */
function owed(ticket: TicketDocument, head: Head | undefined) {
  const from = head?.length ?? 0;
  const rewriteFirst = !head || head.customerEmail !== (ticket.customer?.email ?? null);
  const later = ticket.messageIds
    .map((entryId, i) => ({ seq: i + 1, entryId }))
    .filter(({ seq }) => seq >= Math.max(from, 1));
  return { rewriteFirst, later };
}

async function readMessages(target: ReadTarget, ids: string[]) {
  const { messages } = collections(target.db);
  const found = new Map<string, MessageDocument>();
  for (const chunk of chunks(ids)) {
    for await (const m of messages.find({ _id: { $in: chunk } })) found.set(m._id, m);
  }
  return found;
}

/**
 * Projects many tickets' conversations: the entries each lacks (only new ones: entries never
 * change, so a 1,000-message conversation costs one new entry per message, not a rewrite),
 * then the heads with the version guard. A crash between the two leaves entries that the next
 * round inserts again as duplicates, harmlessly; a reader reads only `length` entries.
 */
export async function projectConversations(
  target: ReadTarget,
  tickets: TicketDocument[],
  now: Date,
) {
  const cols = conversationCollections(target);
  const heads = new Map<string, Head>();
  for (const chunk of chunks(tickets)) {
    const ids: ObjectId[] = chunk.map((t) => t._id);
    const found = cols.heads.find(
      { _id: { $in: ids } },
      { projection: { version: 1, length: 1, customerEmail: 1 } },
    );
    for await (const head of found) heads.set(head._id.toHexString(), head);
  }
  const fresh = tickets.filter((t) => (heads.get(t._id.toHexString())?.version ?? 0) < t.version);
  const work = fresh.map((ticket) => ({
    ticket,
    ...owed(ticket, heads.get(ticket._id.toHexString())),
  }));
  const messages = await readMessages(
    target,
    work.flatMap(({ ticket, later }) =>
      later.map(({ entryId }) => messageDocumentId(ticket._id.toHexString(), entryId)),
    ),
  );

  const entries: ConversationEntryDocument[] = [];
  const firsts: ConversationEntryDocument[] = [];
  for (const { ticket, rewriteFirst, later } of work) {
    const ticketId = ticket._id.toHexString();
    if (rewriteFirst) firsts.push(firstEntry(ticket));
    for (const { seq, entryId } of later) {
      const message = messages.get(messageDocumentId(ticketId, entryId));
      // The ticket lists an entry only after its message was written: a gap is corruption.
      if (!message)
        throw new Error(`ticket ${ticketId} lists message ${entryId}, which is missing`);
      entries.push(laterEntry(ticketId, seq, message));
    }
  }
  for (const first of firsts) {
    await cols.entries.replaceOne({ _id: first._id }, first, { upsert: true });
  }
  await insertMissing(cols.entries, entries);
  await insertOrUpsert(
    cols.heads,
    fresh.map((t) => conversationHead(t, now)),
  );
}
