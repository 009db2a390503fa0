import { collections } from "@/server/db/collections";
import { documentVerifier, versionsById } from "@/server/projections/document-verifier";
import { fingerprint } from "@/server/projections/fingerprint";
import type { Drift, ReadModel, Verifier } from "@/server/read-models/read-model";
import {
  CONVERSATION_INDEXES,
  conversationCollections,
} from "@/server/read-models/conversation/collections";
import {
  conversationHead,
  entryKey,
  firstEntry,
  laterEntry,
} from "@/server/read-models/conversation/document";
import { projectConversations } from "@/server/read-models/conversation/project";
import { messageDocumentId, type TicketDocument } from "@/server/tickets/write-model";
import type { ReadTarget } from "@/server/db/generations";

const NAME = "ticket_conversation";
const BATCH = 200;

/**
 * Every entry of every conversation, checked against the messages they copy, in batches; the
 * heads with the one-document-per-ticket verifier. Entries nobody expects show in the count.
 */
async function conversationVerifier(target: ReadTarget): Promise<Verifier> {
  const cols = conversationCollections(target);
  const { messages } = collections(target.db);
  const heads = await documentVerifier(NAME, cols.heads, conversationHead);
  const storedEntries = await cols.entries.countDocuments();
  let expectedEntries = 0;
  const drift: Drift[] = [];
  let batch: TicketDocument[] = [];

  const flush = async () => {
    const tickets = batch;
    batch = [];
    const keys = tickets.flatMap((t) =>
      t.messageIds.map((id) => messageDocumentId(t._id.toHexString(), id)),
    );
    const bodies = new Map(
      (await messages.find({ _id: { $in: keys } }).toArray()).map((m) => [m._id, m]),
    );
    const wanted = tickets.flatMap((t) =>
      [0, ...t.messageIds.map((_, i) => i + 1)].map((seq) => entryKey(t._id.toHexString(), seq)),
    );
    const stored = new Map(
      (await cols.entries.find({ _id: { $in: wanted } }).toArray()).map((e) => [
        e._id,
        fingerprint(e),
      ]),
    );
    for (const ticket of tickets) {
      const ticketId = ticket._id.toHexString();
      const expected = [firstEntry(ticket)];
      ticket.messageIds.forEach((id, i) => {
        const body = bodies.get(messageDocumentId(ticketId, id));
        if (body) expected.push(laterEntry(ticketId, i + 1, body));
        else
          drift.push({
            readModel: NAME,
            kind: "missing",
            ticketId,
            detail: `message ${id} is listed by the ticket but not stored`,
          });
      });
      for (const entry of expected) {
        const found = stored.get(entry._id);
        if (found === undefined) {
          drift.push({
            readModel: NAME,
            kind: "missing",
            ticketId,
            detail: `no entry ${entry.seq}`,
          });
        } else if (found !== fingerprint(entry)) {
          drift.push({
            readModel: NAME,
            kind: "wrong",
            ticketId,
            detail: `entry ${entry.seq} differs from its message`,
          });
        }
      }
    }
  };

  return {
    async check(ticket) {
      if (!(await heads.matches(ticket))) return;
      expectedEntries += 1 + ticket.messageIds.length;
      batch.push(ticket);
      if (batch.length >= BATCH) await flush();
    },
    async finish() {
      await flush();
      const found = [...(await heads.finish()), ...drift];
      if (storedEntries > expectedEntries && found.length === 0) {
        found.push({
          readModel: NAME,
          kind: "extra",
          detail: `${storedEntries - expectedEntries} entries belong to no conversation`,
        });
      }
      return found;
    },
  };
}

/** Each ticket's conversation in order: the first message, then every later entry. */
export const conversationReadModel: ReadModel = {
  name: NAME,
  collections: CONVERSATION_INDEXES,
  project: (target, ticket, now) => projectConversations(target, [ticket], now),
  projectMany: projectConversations,
  versionsOf: (target, ids) => versionsById(conversationCollections(target).heads, ids),
  verifier: conversationVerifier,
};
