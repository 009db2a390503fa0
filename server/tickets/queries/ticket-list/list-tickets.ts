import "server-only";
import { ObjectId, type Filter } from "mongodb";
import { z } from "zod";
import { getCollections } from "@/server/db/client";
import { ValidationError } from "@/server/tickets/domain/errors";
import { prioritySchema, statusSchema } from "@/server/tickets/domain/schemas";
import type { TicketListDocument } from "@/server/tickets/queries/ticket-list/document";

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

/**
 * One page of the list, newest update first. Keyset pagination on (updatedAt, _id): every page
 * is an index range, never a skip, and rows do not repeat or vanish when others change.
 */
export async function listTickets(query: ListTicketsQuery): Promise<TicketListPage> {
  const { ticketList } = await getCollections();
  const filter: Filter<TicketListDocument> = {};
  if (query.status?.length === 1) filter.status = query.status[0];
  else if (query.status) filter.status = { $in: query.status };
  if (query.assignee) filter.assignee = query.assignee;
  if (query.unassigned !== undefined) filter.assignee = query.unassigned ? null : { $ne: null };
  if (query.priority) filter.priority = query.priority;
  if (query.hasNote !== undefined) filter.hasNote = query.hasNote;
  for (const [name, field] of DAY_RANGES) {
    const range = dayRange(query[`${name}From`], query[`${name}To`]);
    if (range) filter[field] = range;
  }
  if (query.q) filter.subject = { $regex: escapeRegex(query.q), $options: "i" };
  if (query.cursor) {
    const { u, i } = decodeCursor(query.cursor);
    const at = new Date(u);
    filter.$or = [{ updatedAt: { $lt: at } }, { updatedAt: at, _id: { $lt: new ObjectId(i) } }];
  }
  const docs = await ticketList
    .find(filter)
    .sort({ updatedAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .toArray();
  const page = docs.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor:
      docs.length > query.limit && last
        ? encodeCursor({ u: last.updatedAt.getTime(), i: last._id.toHexString() })
        : null,
  };
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
