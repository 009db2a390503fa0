import "server-only";
import { ObjectId } from "mongodb";
import { getCollections } from "@/server/db/client";
import { ticketIdSchema } from "@/server/tickets/domain/schemas";
import { setTimeout as sleep } from "node:timers/promises";
import { ticketDetailCollection } from "@/server/read-models/ticket-detail/collections";
import type { TicketDetail } from "@/server/read-models/ticket-detail/detail-schema";
import type { TicketDetailDocument } from "@/server/read-models/ticket-detail/document";

export type TicketRead =
  | { state: "current"; ticket: TicketDetail }
  /** The read model has not caught up with `minVersion` yet; `version` is what it has. */
  | { state: "behind"; ticketId: string; version: number | null }
  | { state: "not-found" };

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
  const cols = await getCollections();
  const { tickets } = cols;
  const ticketDetail = ticketDetailCollection(cols);
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
