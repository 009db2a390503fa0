import "server-only";
import { ObjectId } from "mongodb";
import { setTimeout as sleep } from "node:timers/promises";
import { getCollections } from "@/server/db/client";
import type { ReadTarget } from "@/server/db/generations";
import { displayName, personNames } from "@/server/people/names";
import type { ConversationEntryDocument } from "@/server/read-models/conversation/document";
import { getConversation } from "@/server/read-models/conversation/get-conversation";
import { slaClocksFor, slaViewOf } from "@/server/read-models/sla/get-clocks";
import { ticketDetailCollection } from "@/server/read-models/ticket-detail/collections";
import type { TicketDetail } from "@/server/read-models/ticket-detail/detail-schema";
import type { TicketDetailDocument } from "@/server/read-models/ticket-detail/document";
import { ticketIdSchema } from "@/server/tickets/domain/schemas";
import { isAwaitingReply } from "@/server/tickets/domain/types";

export type TicketRead =
  | { state: "current"; ticket: TicketDetail }
  /** The read models have not caught up with `minVersion` yet; `version` is what they have. */
  | { state: "behind"; ticketId: string; version: number | null }
  | { state: "not-found" };

interface Parts {
  detail: TicketDetailDocument;
  entries: ConversationEntryDocument[];
  /** The version both parts have reached: a page never shows a newer status with an older thread. */
  version: number;
}

async function readParts(target: ReadTarget, _id: ObjectId): Promise<Parts | null> {
  const [detail, conversation] = await Promise.all([
    ticketDetailCollection(target).findOne({ _id }),
    getConversation(target, _id),
  ]);
  if (!detail || !conversation) return null;
  return {
    detail,
    entries: conversation.entries,
    version: Math.min(detail.version, conversation.version),
  };
}

/**
 * Reads one ticket from its read models (ticket_detail and ticket_conversation). With
 * `minVersion`, waits up to `waitMs` for the projector to reach that version in both, so a
 * caller that just wrote can read its own write.
 */
export async function getTicket(
  ticketId: string,
  options: { minVersion?: number; waitMs?: number } = {},
): Promise<TicketRead> {
  if (!ticketIdSchema.safeParse(ticketId).success) return { state: "not-found" };
  const _id = ObjectId.createFromHexString(ticketId.toLowerCase());
  const cols = await getCollections();
  const minVersion = options.minVersion ?? 1;
  const deadline = Date.now() + (options.minVersion === undefined ? 0 : (options.waitMs ?? 2_000));

  for (;;) {
    const parts = await readParts(cols, _id);
    if (parts && parts.version >= minVersion) {
      return { state: "current", ticket: await toDetail(cols, parts) };
    }
    if (Date.now() >= deadline) {
      if (parts) return { state: "behind", ticketId, version: parts.version };
      // Nothing projected yet. One `_id` lookup on the write model tells "not projected yet"
      // (worth polling again) from "no such ticket" (a 404), which the read side cannot know.
      const exists = (await cols.tickets.findOne({ _id }, { projection: { _id: 1 } })) !== null;
      return exists
        ? { state: "behind", ticketId: _id.toHexString(), version: null }
        : { state: "not-found" };
    }
    await sleep(50);
  }
}

async function toDetail(
  target: ReadTarget,
  { detail: doc, entries, version }: Parts,
): Promise<TicketDetail> {
  const [names, clocks] = await Promise.all([
    personNames([doc.assigneeId]),
    slaClocksFor(target, [doc._id.toHexString()]),
  ]);
  const conversation = entries.map((e) => ({
    id: e.entryId,
    kind: e.kind,
    body: e.body,
    author: e.author,
    at: e.at.toISOString(),
  }));
  return {
    sla: slaViewOf(clocks.get(doc._id.toHexString()), new Date()),
    ticketId: doc._id.toHexString(),
    subject: doc.subject,
    message: doc.message,
    customer: doc.customer,
    customerEmail: doc.customer?.email ?? null,
    status: doc.status,
    priority: doc.priority,
    assigneeId: doc.assigneeId,
    assignee: displayName(names, doc.assigneeId),
    tags: doc.tags,
    conversation,
    notes: conversation
      .filter((e) => e.kind === "note")
      .map((e) => ({ id: e.id, body: e.body, author: e.author.name, createdAt: e.at })),
    awaitingReply: isAwaitingReply(doc),
    lastMessageAt: doc.lastMessageAt.toISOString(),
    lastMessageFrom: doc.lastMessageFrom,
    firstResponseAt: doc.firstResponseAt?.toISOString() ?? null,
    followUpOf: doc.followUpOf,
    followUps: doc.followUps,
    history: doc.history.map((h) => ({
      version: h.version,
      type: h.type,
      at: h.at.toISOString(),
      actor: h.actor.name,
      changes: h.changes,
    })),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    version,
    projectedAt: doc.projectedAt.toISOString(),
  };
}
