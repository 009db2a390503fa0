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
import type { SlaOverall } from "@/server/read-models/api-fields";

/** Keys read per facet in the first round; doubled each round a filter leaves rows out. */
const MAX_ROUND = 1_000;

/** A key any stream hands out: a ticket, and for the list's own keys the row version it names. */
interface StreamKey {
  ticketId: string;
  /** The row version the key belongs to (the list's own keys); absent: any version. */
  version?: number;
  facet?: string;
  position?: string;
  /** The SLA due time the key orders by (sort=sla_due). */
  dueMs?: number;
}

/**
 * What the SLA read model lends the list (server/read-models/list-tickets-with-sla.ts puts them
 * together; this folder does not import another read model's): its "due soonest" order, and
 * each ticket's SLA summary for the row and the `sla` filter.
 */
export interface ListSla {
  dueOrder(after?: { dueMs: number; ticketId: string }): {
    next(round: number): Promise<StreamKey[] | null>;
  };
  overall(ticketIds: string[]): Promise<Map<string, SlaOverall>>;
  /** The SLA filters (sla, slaTarget, slaFrom/slaTo): which of these tickets pass; absent: all. */
  keep?(ticketIds: string[]): Promise<Set<string>>;
}

const NO_SLA: ListSla = {
  dueOrder: () => ({ next: () => Promise.resolve(null) }),
  overall: () => Promise.resolve(new Map()),
};
const NONE: SlaOverall = { slaDueAt: null, slaState: null };

/**
 * One page of the list, newest update first. Keyset pagination on (updatedAt, _id) over the
 * list's key index (keys.ts): the first page and page 20 cost the same, a few `_id` range reads
 * and one `_id $in` read, whatever the size of the desk. Rows do not repeat or vanish when others
 * change.
 */
export async function listTickets(
  query: ListTicketsQuery,
  sla: ListSla = NO_SLA,
): Promise<TicketListPage> {
  const target = await getCollections();
  const { rows: ticketList, keys: ticketListKeys } = ticketListCollections(target);
  const assigneeId = query.assignee === undefined ? undefined : await personIdFor(query.assignee);
  const firstResponderId =
    query.firstResponder === undefined ? undefined : await personIdFor(query.firstResponder);
  const matches = rowFilter(query, assigneeId, firstResponderId);
  const byDue = query.sort === "sla_due";
  const cursor = query.cursor ? decodeCursor(query.cursor, byDue ? "d" : "u") : null;
  const before = cursor?.u !== undefined ? position(cursor.u, cursor.i) : undefined;
  const terms = searchTerms(query.q);
  // A query with no word in it (punctuation only, say) matches nothing: q is words, not a pattern.
  if (query.q && !terms) return { items: [], nextCursor: null };
  // A search walks the word index (ticket-search/) in list order; the other filters are checked
  // on the rows. Without one, the list's own facet keys.
  const search = ticketSearchCollections(target);
  const streams: { next(round: number): Promise<StreamKey[] | null> } = byDue
    ? sla.dueOrder(cursor?.d !== undefined ? { dueMs: cursor.d, ticketId: cursor.i } : undefined)
    : terms
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
  const dueOf = new Map<string, number>();
  const dead: string[] = [];
  for (let round = want; rows.length < want; round = Math.min(round * 2, MAX_ROUND)) {
    const taken = await streams.next(round);
    if (taken === null) break;
    const candidates = taken;
    if (candidates.length === 0) continue;

    const ids = [...new Set(candidates.map((k) => k.ticketId))].map((id) => new ObjectId(id));
    const kept = sla.keep ? await sla.keep(candidates.map((k) => k.ticketId)) : null;
    const byId = new Map(
      (await ticketList.find({ _id: { $in: ids } }).toArray()).map((row) => [
        row._id.toHexString(),
        row,
      ]),
    );
    for (const key of candidates) {
      const row = byId.get(key.ticketId);
      // A key is live only while the row is at its version; an older one is a leftover.
      const version = key.version;
      if (version !== undefined && !terms && row && row.version > version)
        dead.push(`${key.facet}|${key.position}|${version}`);
      if (!row || (version !== undefined && row.version !== version) || !matches(row)) continue;
      if (kept && !kept.has(key.ticketId)) continue;
      if (key.dueMs !== undefined) dueOf.set(key.ticketId, key.dueMs);
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
  const [names, slas] = await Promise.all([
    personNames(page.map((row) => row.assigneeId)),
    sla.overall(page.map((row) => row._id.toHexString())),
  ]);
  const next = (row: TicketListDocument) => {
    const i = row._id.toHexString();
    return byDue ? { d: dueOf.get(i) ?? 0, i } : { u: row.updatedAt.getTime(), i };
  };
  return {
    items: page.map((row) => toItem(row, names, slas.get(row._id.toHexString()) ?? NONE)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(next(last)) : null,
  };
}

function toItem(
  doc: TicketListDocument,
  names: Map<string, string>,
  sla: SlaOverall,
): TicketListItem {
  return {
    ...sla,
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
