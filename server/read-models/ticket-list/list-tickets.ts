import "server-only";
import { ObjectId } from "mongodb";
import { getCollections } from "@/server/db/client";
import { ticketListCollections } from "@/server/read-models/ticket-list/collections";
import { decodeCursor, encodeCursor } from "@/server/read-models/ticket-list/cursor";
import type { TicketListDocument } from "@/server/read-models/ticket-list/document";
import type { TicketListItem, TicketListPage } from "@/server/read-models/ticket-list/item-schema";
import { KeyStreams } from "@/server/read-models/ticket-list/key-streams";
import { facetsFor, position } from "@/server/read-models/ticket-list/keys";
import type { ListTicketsQuery } from "@/server/read-models/ticket-list/query";
import { rowFilter } from "@/server/read-models/ticket-list/row-filter";
import { ticketSearchCollections } from "@/server/read-models/ticket-list/search/collections";
import { SearchKeys } from "@/server/read-models/ticket-list/search/search-keys";
import { searchTerms } from "@/server/read-models/ticket-list/search/tokenize";
import { displayName, personIdFor, personNames } from "@/server/people/names";

/** Keys read per facet in the first round; doubled each round a filter leaves rows out. */
const MAX_ROUND = 1_000;

/**
 * One page of the list, newest update first. Keyset pagination on (updatedAt, _id) over the
 * list's key index (keys.ts): the first page and page 20 cost the same, a few `_id` range reads
 * and one `_id $in` read, whatever the size of the desk. Rows do not repeat or vanish when others
 * change.
 */
export async function listTickets(query: ListTicketsQuery): Promise<TicketListPage> {
  const target = await getCollections();
  const { rows: ticketList, keys: ticketListKeys } = ticketListCollections(target);
  const assigneeId = query.assignee === undefined ? undefined : await personIdFor(query.assignee);
  const firstResponderId =
    query.firstResponder === undefined ? undefined : await personIdFor(query.firstResponder);
  const matches = rowFilter(query, assigneeId, firstResponderId);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const before = cursor ? position(cursor.u, cursor.i) : undefined;
  const terms = searchTerms(query.q);
  // A query with no word in it (punctuation only, say) matches nothing: q is words, not a pattern.
  if (query.q && !terms) return { items: [], nextCursor: null };
  // A search walks the word index (ticket-search/) in list order; the other filters are checked
  // on the rows. Without one, the list's own facet keys.
  const search = ticketSearchCollections(target);
  const streams = terms
    ? new SearchKeys(search.words, search.vocabulary, ticketList, terms, before)
    : new KeyStreams(
        ticketListKeys,
        facetsFor({
          ...query,
          assigneeId,
          firstResponderId,
          responded: Boolean(query.respondedFrom ?? query.respondedTo),
        }),
        before,
      );

  const want = query.limit + 1;
  const rows: TicketListDocument[] = [];
  const dead: string[] = [];
  for (let round = want; rows.length < want; round = Math.min(round * 2, MAX_ROUND)) {
    const taken = await streams.next(round);
    if (taken === null) break;
    const candidates = taken;
    if (candidates.length === 0) continue;

    const ids = [...new Set(candidates.map((k) => k.ticketId))].map((id) => new ObjectId(id));
    const byId = new Map(
      (await ticketList.find({ _id: { $in: ids } }).toArray()).map((row) => [
        row._id.toHexString(),
        row,
      ]),
    );
    for (const key of candidates) {
      const row = byId.get(key.ticketId);
      // A key is live only while the row is at its version; an older one is a leftover.
      if (!terms && row && row.version > key.version)
        dead.push(`${key.facet}|${key.position}|${key.version}`);
      if (!row || row.version !== key.version || !matches(row)) continue;
      rows.push(row);
      if (rows.length === want) break;
    }
  }
  if (dead.length > 0) {
    // Read repair: keys of versions the row has moved past can never be live again.
    void ticketListKeys.deleteMany({ _id: { $in: dead } }).catch(() => undefined);
  }

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const names = await personNames(page.map((row) => row.assigneeId));
  return {
    items: page.map((row) => toItem(row, names)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ u: last.updatedAt.getTime(), i: last._id.toHexString() })
        : null,
  };
}

function toItem(doc: TicketListDocument, names: Map<string, string>): TicketListItem {
  return {
    ticketId: doc._id.toHexString(),
    subject: doc.subject,
    status: doc.status,
    priority: doc.priority,
    assigneeId: doc.assigneeId,
    assignee: displayName(names, doc.assigneeId),
    customer: doc.customer,
    customerEmail: doc.customer?.email ?? null,
    tags: doc.tags,
    messageCount: doc.messageCount,
    lastMessageAt: doc.lastMessageAt.toISOString(),
    lastMessageFrom: doc.lastMessageFrom,
    awaitingReply: doc.awaitingReply,
    preview: doc.preview,
    hasNote: doc.hasNote,
    noteCount: doc.noteCount,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    triagedAt: doc.triagedAt?.toISOString() ?? null,
    closedAt: doc.closedAt?.toISOString() ?? null,
    version: doc.version,
  };
}
