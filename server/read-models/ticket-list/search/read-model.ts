import { readBodies } from "@/server/tickets/message-bodies";
import type { Drift, ReadModel, Verifier } from "@/server/read-models/read-model";
import type { ReadTarget } from "@/server/db/generations";
import {
  bucketOf,
  parseWordKey,
  TICKET_SEARCH_INDEXES,
  ticketSearchCollections,
} from "@/server/read-models/ticket-list/search/collections";
import {
  headWords,
  projectSearchWords,
  wordKeysOf,
} from "@/server/read-models/ticket-list/search/project";
import { wordsOf } from "@/server/text/words";
import { messageDocumentId, type TicketDocument } from "@/server/tickets/write-model";

const NAME = "ticket_search";
const BATCH = 200;

/**
 * Every ticket's word keys recomputed from its subject and messages, in the minute of its last
 * change: each expected key must be there (missing), and the ticket's keys in that minute must be
 * exactly those (extra). Keys in other minutes are what a crash between a projection's steps
 * leaves: readers skip them and the next move deletes them, so they are not drift. A search
 * document behind the write model is stale. The stored keys are counted per ticket and minute
 * first, so nothing per key is kept.
 */
async function searchVerifier(target: ReadTarget): Promise<Verifier> {
  const cols = ticketSearchCollections(target);
  const counts = new Map<string, Map<number, number>>();
  for await (const doc of cols.words.find({}, { projection: { _id: 1 }, batchSize: 1_000 })) {
    const key = parseWordKey(doc._id);
    const perTicket = counts.get(key.ticketId) ?? new Map<number, number>();
    perTicket.set(key.bucket, (perTicket.get(key.bucket) ?? 0) + 1);
    counts.set(key.ticketId, perTicket);
  }
  const drift: Drift[] = [];
  let batch: TicketDocument[] = [];

  const flush = async () => {
    const tickets = batch;
    batch = [];
    const bodies = await readBodies(
      target.db,
      tickets.flatMap((t) => t.messageIds.map((id) => messageDocumentId(t._id.toHexString(), id))),
    );
    const versions = new Map<string, number | undefined>();
    for await (const doc of cols.tickets.find(
      { _id: { $in: tickets.map((t) => t._id) } },
      { projection: { version: 1 } },
    ))
      versions.set(doc._id.toHexString(), doc.version);
    const expected = tickets.map((ticket) => {
      const words = headWords(ticket);
      for (const id of ticket.messageIds)
        words.push(...wordsOf(bodies.get(messageDocumentId(ticket._id.toHexString(), id)) ?? ""));
      const bucket = bucketOf(ticket.updatedAt);
      return { ticket, bucket, keys: wordKeysOf(ticket._id.toHexString(), bucket, words) };
    });
    const wanted = expected.flatMap((e) => e.keys);
    const found = new Set<string>();
    for (let i = 0; i < wanted.length; i += 1_000) {
      const part = wanted.slice(i, i + 1_000);
      for await (const doc of cols.words.find({ _id: { $in: part } }, { projection: { _id: 1 } }))
        found.add(doc._id);
    }
    for (const { ticket, bucket, keys } of expected) {
      const ticketId = ticket._id.toHexString();
      const stored = counts.get(ticketId) ?? new Map<number, number>();
      counts.delete(ticketId);
      const version = versions.get(ticketId);
      if (version !== undefined && version < ticket.version) {
        drift.push({
          readModel: NAME,
          kind: "stale",
          ticketId,
          detail: `words of version ${version}; the write model is at version ${ticket.version}`,
        });
        continue;
      }
      const absent = keys.filter((k) => !found.has(k));
      if (absent.length > 0)
        drift.push({
          readModel: NAME,
          kind: "missing",
          ticketId,
          detail: `no word key ${absent.slice(0, 5).join(", ")} (${absent.length} in all)`,
        });
      const present = keys.length - absent.length;
      const extra = Math.max(0, (stored.get(bucket) ?? 0) - present);
      if (extra > 0)
        drift.push({
          readModel: NAME,
          kind: "extra",
          ticketId,
          detail: `${extra} word keys that version ${ticket.version} does not have`,
        });
    }
  };

  return {
    async check(ticket) {
      batch.push(ticket);
      if (batch.length >= BATCH) await flush();
    },
    async finish() {
      await flush();
      for (const [ticketId, stored] of counts)
        drift.push({
          readModel: NAME,
          kind: "extra",
          ticketId,
          detail: `${[...stored.values()].reduce((a, b) => a + b, 0)} word keys of no ticket`,
        });
      return drift;
    },
  };
}

/** The search: an index of every word said on a ticket (subject, messages, replies, notes). */
export const ticketSearchReadModel: ReadModel = {
  name: NAME,
  collections: TICKET_SEARCH_INDEXES,
  project: (target, ticket) => projectSearchWords(target, [ticket]),
  projectMany: (target, tickets) => projectSearchWords(target, tickets),
  async versionsOf(target, ids) {
    const versions = new Map<string, number>();
    const found = ticketSearchCollections(target).tickets.find(
      { _id: { $in: ids } },
      { projection: { version: 1 } },
    );
    for await (const doc of found)
      if (doc.version !== undefined) versions.set(doc._id.toHexString(), doc.version);
    return versions;
  },
  verifier: searchVerifier,
};
