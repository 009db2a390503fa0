import "server-only";
import { ObjectId } from "mongodb";
import { z } from "zod";
import { getCollections } from "@/server/db/client";
import { ValidationError } from "@/server/tickets/domain/errors";
import { prioritySchema, statusSchema } from "@/server/tickets/domain/schemas";
import type { TicketListDocument } from "@/server/tickets/queries/ticket-list/document";
import {
  facetRange,
  facetsFor,
  parseListKey,
  position,
  type ListKey,
} from "@/server/tickets/queries/ticket-list/keys";

const booleanParam = (name: string) =>
  z
    .enum(["true", "false"], { error: `${name} must be true or false.` })
    .transform((v) => v === "true")
    .optional();

/** A UTC calendar day, YYYY-MM-DD; a range of days includes both ends. */
const dayParam = (name: string, description: string) =>
  z.iso
    .date({ error: `${name} must be a calendar day written YYYY-MM-DD (UTC), e.g. 2026-11-26.` })
    .optional()
    .meta({ description: `${description} (a UTC day, YYYY-MM-DD, inclusive)` });

/** The day-range filters: parameter prefix → the list field it filters. */
const DAY_RANGES = [
  ["created", "createdAt"],
  ["triaged", "triagedAt"],
  ["closed", "closedAt"],
] as const;

export const listTicketsQuery = z
  .strictObject({
    /** One status, or several separated by commas (`open,triaged`). */
    status: z
      .string()
      .transform((v) => [
        ...new Set(
          v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(statusSchema).min(1, { error: "status must name at least one status." }))
      .optional(),
    assignee: z
      .string()
      .trim()
      .min(1)
      .max(100, { error: "assignee must be at most 100 characters." })
      .optional(),
    unassigned: booleanParam("unassigned"),
    priority: prioritySchema.optional(),
    hasNote: booleanParam("hasNote"),
    q: z.string().trim().max(200, { error: "q must be at most 200 characters." }).optional(),
    createdFrom: dayParam("createdFrom", "Created on or after this day"),
    createdTo: dayParam("createdTo", "Created on or before this day"),
    triagedFrom: dayParam("triagedFrom", 'First triaged (left "open") on or after this day'),
    triagedTo: dayParam("triagedTo", 'First triaged (left "open") on or before this day'),
    closedFrom: dayParam("closedFrom", "Closed on or after this day"),
    closedTo: dayParam("closedTo", "Closed on or before this day"),
    limit: z.coerce
      .number({ error: "limit must be a number." })
      .int({ error: "limit must be a whole number." })
      .min(1, { error: "limit must be between 1 and 100." })
      .max(100, { error: "limit must be between 1 and 100." })
      .default(25),
    cursor: z.string().max(200, { error: "cursor is not valid." }).optional(),
  })
  .refine((q) => !(q.assignee && q.unassigned !== undefined), {
    error: "Use either assignee or unassigned, not both.",
    path: ["unassigned"],
  })
  .superRefine((q, ctx) => {
    for (const [name] of DAY_RANGES) {
      const from = q[`${name}From`];
      const to = q[`${name}To`];
      if (from && to && from > to) {
        ctx.addIssue({
          code: "custom",
          message: `${name}From (${from}) must be on or before ${name}To (${to}).`,
          path: [`${name}To`],
        });
      }
    }
  });
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;

export interface TicketListItem {
  ticketId: string;
  subject: string;
  status: TicketListDocument["status"];
  priority: TicketListDocument["priority"];
  assignee: string | null;
  customerEmail: string | null;
  preview: string;
  hasNote: boolean;
  noteCount: number;
  createdAt: string;
  updatedAt: string;
  triagedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface TicketListPage {
  items: TicketListItem[];
  nextCursor: string | null;
}

/** The keyset position after a row: its sort key, opaque to clients. */
interface Cursor {
  u: number; // updatedAt, ms
  i: string; // ticket id
}

const cursorSchema = z.object({
  u: z.number().int().min(0).max(8.64e15),
  i: z.string().regex(/^[0-9a-f]{24}$/),
});

const invalidCursor = () =>
  new ValidationError("The cursor is not valid.", {
    cursor: ["cursor is not valid: pass the nextCursor of a previous page unchanged."],
  });

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

function decodeCursor(raw: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw invalidCursor();
  }
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Keys read per facet in the first round; doubled each round a filter leaves rows out. */
const MAX_ROUND = 1_000;

/**
 * One page of the list, newest update first. Keyset pagination on (updatedAt, _id) over the
 * list's key index (keys.ts): the first page and page 20 cost the same, a few `_id` range reads
 * and one `_id $in` read, whatever the size of the desk. Rows do not repeat or vanish when others
 * change.
 */
export async function listTickets(query: ListTicketsQuery): Promise<TicketListPage> {
  const { ticketList, ticketListKeys } = await getCollections();
  const matches = rowFilter(query);
  const subject = subjectMatcher(query);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const before = cursor ? position(cursor.u, cursor.i) : undefined;

  // One stream of keys per facet, each read backwards from the cursor; merged newest first.
  const streams = facetsFor(query).map((facet) => ({
    facet,
    below: before,
    buffer: [] as ListKey[],
    done: false,
  }));
  const want = query.limit + 1;
  const rows: TicketListDocument[] = [];
  const dead: string[] = [];
  let round = want;
  while (rows.length < want) {
    await Promise.all(
      streams
        .filter((s) => !s.done && s.buffer.length === 0)
        .map(async (s) => {
          const keys = await ticketListKeys
            .find({ _id: facetRange(s.facet, s.below) })
            .sort({ _id: -1 })
            .limit(round)
            .toArray();
          s.done = keys.length < round;
          s.buffer = keys.map((k) => ({ ...parseListKey(k._id), subject: k.s }));
          const last = s.buffer.at(-1);
          if (last) s.below = last.position;
        }),
    );
    // Take keys newest first while every unfinished stream still has some buffered: a stream
    // with an empty buffer may hold the next newest key in what it has not read yet.
    const taken: ListKey[] = [];
    while (taken.length < round) {
      const live = streams.filter((s) => s.buffer.length > 0);
      if (live.length === 0 || streams.some((s) => !s.done && s.buffer.length === 0)) break;
      const newest = live.reduce((a, b) => (b.buffer[0]!.position > a.buffer[0]!.position ? b : a));
      taken.push(newest.buffer.shift()!);
    }
    if (taken.length === 0 && streams.every((s) => s.done && s.buffer.length === 0)) break;
    // A subject search reads only the rows whose key has a matching subject.
    const candidates = subject
      ? taken.filter((k) => k.subject === undefined || subject.test(k.subject))
      : taken;
    if (candidates.length === 0) {
      round = Math.min(round * 2, MAX_ROUND);
      continue;
    }

    const byId = new Map(
      (
        await ticketList
          .find({
            _id: {
              $in: [...new Set(candidates.map((k) => k.ticketId))].map((id) => new ObjectId(id)),
            },
          })
          .toArray()
      ).map((row) => [row._id.toHexString(), row]),
    );
    for (const key of candidates) {
      const row = byId.get(key.ticketId);
      // A key is live only while the row is at its version; an older one is a leftover.
      if (row && row.version > key.version)
        dead.push(`${key.facet}|${key.position}|${key.version}`);
      if (!row || row.version !== key.version || !matches(row)) continue;
      rows.push(row);
      if (rows.length === want) break;
    }
    round = Math.min(round * 2, MAX_ROUND);
  }
  if (dead.length > 0) {
    // Read repair: keys of versions the row has moved past can never be live again.
    void ticketListKeys.deleteMany({ _id: { $in: dead } }).catch(() => undefined);
  }

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ u: last.updatedAt.getTime(), i: last._id.toHexString() })
        : null,
  };
}

/** The whole filter, checked on each row read through a facet. */
const subjectMatcher = (query: ListTicketsQuery) =>
  query.q ? new RegExp(escapeRegex(query.q), "iu") : null;

function rowFilter(query: ListTicketsQuery): (row: TicketListDocument) => boolean {
  const subject = subjectMatcher(query);
  const ranges = DAY_RANGES.flatMap(([name, field]) => {
    const range = dayRange(query[`${name}From`], query[`${name}To`]);
    return range ? [{ field, range }] : [];
  });
  return (row) =>
    (!query.status || query.status.includes(row.status)) &&
    (query.assignee === undefined || row.assignee === query.assignee) &&
    (query.unassigned === undefined || (row.assignee === null) === query.unassigned) &&
    (!query.priority || row.priority === query.priority) &&
    (query.hasNote === undefined || row.hasNote === query.hasNote) &&
    (!subject || subject.test(row.subject)) &&
    ranges.every(({ field, range }) => {
      const at = row[field]?.getTime();
      return (
        at !== undefined &&
        (range.$gte === undefined || at >= range.$gte.getTime()) &&
        (range.$lt === undefined || at < range.$lt.getTime())
      );
    });
}

const DAY_MS = 86_400_000;

/** From the start of `from` to the end of `to` (UTC), as a half-open range; none when neither. */
function dayRange(from: string | undefined, to: string | undefined) {
  if (!from && !to) return null;
  const range: { $gte?: Date; $lt?: Date } = {};
  if (from) range.$gte = new Date(`${from}T00:00:00.000Z`);
  if (to) range.$lt = new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS);
  return range;
}

function toItem(doc: TicketListDocument): TicketListItem {
  return {
    ticketId: doc._id.toHexString(),
    subject: doc.subject,
    status: doc.status,
    priority: doc.priority,
    assignee: doc.assignee,
    customerEmail: doc.customerEmail,
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
