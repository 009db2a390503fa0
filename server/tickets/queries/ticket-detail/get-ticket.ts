import "server-only";
import { ObjectId } from "mongodb";
import { getCollections } from "@/server/db/client";
import { ticketIdSchema } from "@/server/tickets/domain/schemas";
import type { TicketEventType } from "@/server/tickets/domain/types";
import type { TicketDetailDocument } from "@/server/tickets/queries/ticket-detail/document";

export interface TicketDetail {
  ticketId: string;
  subject: string;
  message: string;
  customerEmail: string | null;
  status: TicketDetailDocument["status"];
  priority: TicketDetailDocument["priority"];
  assignee: string | null;
  notes: { id: string; body: string; author: string; createdAt: string }[];
  history: {
    version: number;
    type: TicketEventType;
    at: string;
    actor: string;
    changes: Record<string, string | null>;
  }[];
  createdAt: string;
  updatedAt: string;
  version: number;
  projectedAt: string;
}

export type TicketRead =
  | { state: "current"; ticket: TicketDetail }
  /** The read model has not caught up with `minVersion` yet; `version` is what it has. */
  | { state: "behind"; ticketId: string; version: number | null }
  | { state: "not-found" };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads one ticket from its read model. With `minVersion`, waits up to `waitMs` for the
 * projector to reach that version, so a caller that just wrote can read its own write.
 */
export async function getTicket(
  ticketId: string,
  options: { minVersion?: number; waitMs?: number } = {},
): Promise<TicketRead> {
  if (!ticketIdSchema.safeParse(ticketId).success) return { state: "not-found" };
  const _id = ObjectId.createFromHexString(ticketId.toLowerCase());
  const { ticketDetail, tickets } = await getCollections();
  if (options.minVersion === undefined) {
    const doc = await ticketDetail.findOne({ _id });
    return doc ? { state: "current", ticket: toDetail(doc) } : { state: "not-found" };
  }
  const { minVersion } = options;
  const deadline = Date.now() + (options.waitMs ?? 2_000);

  for (;;) {
    const doc = await ticketDetail.findOne({ _id });
    if (doc && doc.version >= minVersion) return { state: "current", ticket: toDetail(doc) };
    if (Date.now() >= deadline) {
      if (doc) return { state: "behind", ticketId: doc._id.toHexString(), version: doc.version };
      // Nothing projected yet. One `_id` lookup on the write model tells "not projected yet"
      // (worth polling again) from "no such ticket" (a 404), which the read side cannot know.
      const exists = (await tickets.findOne({ _id }, { projection: { _id: 1 } })) !== null;
      return exists
        ? { state: "behind", ticketId: _id.toHexString(), version: null }
        : { state: "not-found" };
    }
    await sleep(50);
  }
}

function toDetail(doc: TicketDetailDocument): TicketDetail {
  return {
    ticketId: doc._id.toHexString(),
    subject: doc.subject,
    message: doc.message,
    customerEmail: doc.customerEmail,
    status: doc.status,
    priority: doc.priority,
    assignee: doc.assignee,
    notes: doc.notes.map((n) => ({
      id: n.id,
      body: n.body,
      author: n.author,
      createdAt: n.at.toISOString(),
    })),
    history: doc.history.map((h) => ({
      version: h.version,
      type: h.type,
      at: h.at.toISOString(),
      actor: h.actor.name,
      changes: h.changes,
    })),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    version: doc.version,
    projectedAt: doc.projectedAt.toISOString(),
  };
}
