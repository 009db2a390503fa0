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
    version: doc.version,
  };
}
