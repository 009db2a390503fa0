import type { TicketListDocument } from "@/server/read-models/ticket-list/document";

/**
 * The list's own ordered index, one small document per (filter, row): its `_id` is
 *
 *     <facet>|<updatedAt, ms, 13 digits>|<ticket id, hex>|<version>
 *
 * so one filter's rows, newest first, are one `_id` range read backwards, and a page is a range
 * scan of `limit` keys followed by one `_id $in` read of the rows. On MongoDB that is the `_id`
 * index; on the embedded database it is the only kind of query SQLite answers from an index
 * (docs/benchmarks.md). A filter the facets do not cover is read from the most selective facet
 * that applies, with the rest checked on the rows.
 *
 * The key carries the row's version, so the keys of two versions of a ticket never collide: a
 * key is live only while the row is at its version. Keys are written before the row and the old
 * ones deleted after it, so a reader always finds a live key for every row; a key left behind by
 * a crash is skipped (and deleted) by the reader that meets it.
 *
 * A key also carries the row's subject, so a subject search checks keys, a few bytes each, and
 * reads only the rows that match.
 */
export interface ListKeyDocument {
  _id: string;
  /** The row's subject at the key's version (absent on keys written before it was added). */
  s?: string;
}

export interface ListKey {
  facet: string;
  /** `<updatedAt>|<ticket id>`: the sort position, newest first, with the id as tie-breaker. */
  position: string;
  ticketId: string;
  version: number;
  subject?: string;
}

const TIME_DIGITS = 13;

/** Emails may hold "|": encoded, they hold no separator. Person ids and tags hold none. */
const encode = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const assigneeFacet = (assigneeId: string | null) => assigneeId ?? "-";

export const position = (updatedAtMs: number, ticketId: string) =>
  `${String(updatedAtMs).padStart(TIME_DIGITS, "0")}|${ticketId}`;

/** Every facet a row is listed under. */
function facetsOf(row: FacetFields): string[] {
  const a = assigneeFacet(row.assigneeId);
  const facets = [
    "all",
    `s:${row.status}`,
    `a:${a}`,
    `sa:${row.status}:${a}`,
    `p:${row.priority}`,
    `n:${row.hasNote ? 1 : 0}`,
  ];
  if (row.assigneeId !== null) facets.push("aa");
  if (row.customer) facets.push(`c:${encode(row.customer.email)}`);
  for (const tag of row.tags) facets.push(`t:${tag}`);
  facets.push(`w:${row.awaitingReply ? 1 : 0}`);
  if (row.firstResponseAt) facets.push("f");
  if (row.firstResponderId) facets.push(`f:${row.firstResponderId}`);
  return facets;
}

type FacetFields = Pick<
  TicketListDocument,
  | "status"
  | "assigneeId"
  | "priority"
  | "hasNote"
  | "customer"
  | "tags"
  | "awaitingReply"
  | "firstResponseAt"
  | "firstResponderId"
>;

/** The row fields its keys are made of: what a projection reads of the row it replaces. */
export const KEY_FIELDS = {
  status: 1,
  assigneeId: 1,
  priority: 1,
  hasNote: 1,
  customer: 1,
  tags: 1,
  awaitingReply: 1,
  firstResponseAt: 1,
  firstResponderId: 1,
  lastMessageAt: 1,
  updatedAt: 1,
  version: 1,
} as const;

/**
 * The one facet not in list order: tickets awaiting a reply by when the customer wrote, oldest
 * first, so the longest wait is the first live key of one `_id` range (oldest-awaiting.ts).
 */
export const WAITING_FACET = "wo";

export function listKeysOf(
  row: FacetFields & Pick<TicketListDocument, "_id" | "updatedAt" | "lastMessageAt" | "version">,
): string[] {
  const id = row._id.toHexString();
  const at = position(row.updatedAt.getTime(), id);
  const keys = facetsOf(row).map((facet) => `${facet}|${at}|${row.version}`);
  if (row.awaitingReply)
    keys.push(`${WAITING_FACET}|${position(row.lastMessageAt.getTime(), id)}|${row.version}`);
  return keys;
}

/** The key documents of a row: its keys, each with the subject. */
export function listKeyDocumentsOf(
  row: Parameters<typeof listKeysOf>[0] & Pick<TicketListDocument, "subject">,
): ListKeyDocument[] {
  return listKeysOf(row).map((_id) => ({ _id, s: row.subject }));
}

export function parseListKey(key: string): ListKey {
  const [facet = "", time = "", ticketId = "", version = ""] = key.split("|");
  return { facet, position: `${time}|${ticketId}`, ticketId, version: Number(version) };
}

/**
 * The facets to read for a filter: one per status when several are asked for. A filter the
 * facets do not combine is read from the most selective one; the rest is checked on the rows.
 */
export function facetsFor(filter: {
  status?: string[];
  assigneeId?: string;
  unassigned?: boolean;
  priority?: string;
  hasNote?: boolean;
  customer?: string;
  tag?: string;
  awaitingReply?: boolean;
  firstResponderId?: string;
  responded?: boolean;
}): string[] {
  const a =
    filter.assigneeId !== undefined
      ? filter.assigneeId
      : filter.unassigned === true
        ? "-"
        : undefined;
  if (filter.customer !== undefined) return [`c:${encode(filter.customer)}`];
  if (filter.tag !== undefined) return [`t:${filter.tag}`];
  if (filter.firstResponderId !== undefined) return [`f:${filter.firstResponderId}`];
  if (filter.status && a !== undefined) return filter.status.map((s) => `sa:${s}:${a}`);
  if (filter.status) return filter.status.map((s) => `s:${s}`);
  if (a !== undefined) return [`a:${a}`];
  if (filter.awaitingReply !== undefined) return [`w:${filter.awaitingReply ? 1 : 0}`];
  if (filter.unassigned === false) return ["aa"];
  if (filter.priority) return [`p:${filter.priority}`];
  if (filter.hasNote !== undefined) return [`n:${filter.hasNote ? 1 : 0}`];
  if (filter.responded) return ["f"];
  return ["all"];
}

/** Keys of `facet` strictly below `before` (a position), or all of them. */
export function facetRange(facet: string, before?: string) {
  // "|" < every character of a position; "~" > every digit, so `facet|~` is above all of them.
  return { $gt: `${facet}|`, $lt: before ? `${facet}|${before}` : `${facet}|~` };
}
