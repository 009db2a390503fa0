// The write model: one document per ticket holding its state, its version, its history and its
// projection marker. Every command changes it with one single-document atomic write.
import type { ObjectId } from "mongodb";
import type {
  Author,
  ConversationEntry,
  ConversationKind,
  TicketEvent,
  TicketEventType,
  TicketState,
} from "@/server/tickets/domain/types";

export interface HistoryEntry {
  version: number;
  type: TicketEventType;
  at: Date;
  actor: { id: string; name: string };
  /** What changed, in the event's own terms (from/to, the note id, the created fields). */
  changes: Record<string, string | null>;
}

export interface IdempotencyRecord {
  /** sha256 of the caller's scope and key; the key itself is never stored. */
  key: string;
  /** sha256 of the request, so a reused key with a different request is refused. */
  request: string;
  version: number;
}

/** The ticket's state as decide functions see it (but its `_id`), and the write model's own fields. */
export interface TicketDocument extends Omit<TicketState, "id" | "slaRecorded"> {
  _id: ObjectId;
  /** Absent on tickets from before SLA clocks (then none are recorded). */
  slaRecorded?: string[];
  /** The audit trail and the timeline; bounded to HISTORY_LIMIT entries (oldest dropped). */
  history: HistoryEntry[];
  /** The projection marker: set by every write, cleared by the projector for that version. */
  dirtySince: Date | null;
  projectedVersion: number;
  /** The last IDEMPOTENCY_LIMIT idempotency keys applied to this ticket. */
  idempotency: IdempotencyRecord[];
  /** The key this ticket was created with, kept for good: its id is derived from it. */
  createdWith: { key: string; request: string } | null;
}

/**
 * One conversation entry's body, in the `messages` collection: written before the ticket write
 * that accepts it, and part of the conversation only once the ticket lists its id in
 * `messageIds` (docs/architecture.md, "Where message bodies live"). `_id` is
 * `<ticket id>:<entry id>`, so one ticket's messages are one `_id` range.
 */
export interface MessageDocument {
  _id: string;
  ticketId: string;
  kind: ConversationKind;
  body: string;
  author: Author;
  at: Date;
}

export const messageDocumentId = (ticketId: string, entryId: string) => `${ticketId}:${entryId}`;

/** The message document that carries an entry's body. */
export function messageDocument(ticketId: string, entry: ConversationEntry): MessageDocument {
  return {
    _id: messageDocumentId(ticketId, entry.id),
    ticketId,
    kind: entry.kind,
    body: entry.body,
    author: entry.author,
    at: entry.at,
  };
}

export const HISTORY_LIMIT = 500;
export const IDEMPOTENCY_LIMIT = 50;

export function toState(doc: TicketDocument): TicketState {
  return {
    id: doc._id.toHexString(),
    subject: doc.subject,
    message: doc.message,
    customer: doc.customer,
    status: doc.status,
    priority: doc.priority,
    assigneeId: doc.assigneeId,
    tags: doc.tags,
    messageIds: doc.messageIds,
    noteCount: doc.noteCount,
    publicCount: doc.publicCount,
    lastMessageAt: doc.lastMessageAt,
    lastMessageFrom: doc.lastMessageFrom,
    firstResponseAt: doc.firstResponseAt,
    firstResponderId: doc.firstResponderId,
    followUpOf: doc.followUpOf,
    followUps: doc.followUps,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    triagedAt: doc.triagedAt,
    closedAt: doc.closedAt,
    // Tickets from before SLA clocks have none recorded.
    slaRecorded: doc.slaRecorded ?? [],
    version: doc.version,
  };
}

/**
 * The fields of a state written with `$set`: the scalars and the small arrays (tags). The
 * growing arrays (messageIds, followUps) are appended with `$push`.
 */
export function stateFields(state: TicketState) {
  return {
    subject: state.subject,
    message: state.message,
    customer: state.customer,
    status: state.status,
    priority: state.priority,
    assigneeId: state.assigneeId,
    tags: state.tags,
    noteCount: state.noteCount,
    publicCount: state.publicCount,
    lastMessageAt: state.lastMessageAt,
    lastMessageFrom: state.lastMessageFrom,
    firstResponseAt: state.firstResponseAt,
    firstResponderId: state.firstResponderId,
    followUpOf: state.followUpOf,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    triagedAt: state.triagedAt,
    closedAt: state.closedAt,
    slaRecorded: state.slaRecorded,
    version: state.version,
  };
}

export function historyEntry(
  event: TicketEvent,
  meta: { version: number; at: Date; actor: { id: string; name: string } },
): HistoryEntry {
  const base = { version: meta.version, type: event.type, at: meta.at, actor: meta.actor };
  switch (event.type) {
    case "TicketCreated":
      return {
        ...base,
        changes: {
          subject: event.subject,
          priority: event.priority,
          customerEmail: event.customer?.email ?? null,
          ...(event.tags.length > 0 ? { tags: event.tags.join(",") } : {}),
          ...(event.followUpOf ? { followUpOf: event.followUpOf } : {}),
        },
      };
    case "StatusChanged":
    case "PriorityChanged":
      return { ...base, changes: { from: event.from, to: event.to } };
    case "AgentAssigned":
      return { ...base, changes: { from: event.from, to: event.to, toName: event.toName } };
    case "NoteAdded":
    case "MessageReceived":
    case "ReplySent":
      return { ...base, changes: { messageId: event.entry.id } };
    case "TagsChanged":
      return {
        ...base,
        changes: { added: event.added.join(",") || null, removed: event.removed.join(",") || null },
      };
    case "FollowUpCreated":
      return { ...base, changes: { followUpId: event.followUpId } };
    case "AssigneeMigrated":
      return { ...base, changes: { from: event.name, to: event.to, reason: event.reason } };
    case "SlaWarning":
    case "SlaBreached":
      return {
        ...base,
        changes: {
          target: event.target,
          policyVersion: String(event.policyVersion),
          startedAt: event.startedAt.toISOString(),
          dueAt: event.dueAt.toISOString(),
        },
      };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The only update shape a ticket command writes: scalar fields set, arrays appended. */
export interface TicketUpdate {
  $set: Partial<TicketDocument>;
  $push?: {
    history?: { $each: HistoryEntry[] };
    messageIds?: { $each: string[] };
    followUps?: { $each: string[] };
    idempotency?: { $each: IdempotencyRecord[] };
  };
}

/**
 * Applies a command's update in memory exactly as the database applies it (`$set`, then
 * `$push` with `$each`), so bulk writers (the seeder) build the document a handler would write.
 */
export function applyTicketUpdate(doc: TicketDocument, update: TicketUpdate): TicketDocument {
  const next: TicketDocument = { ...doc, ...update.$set };
  const push = update.$push ?? {};
  if (push.history) next.history = [...next.history, ...push.history.$each];
  if (push.messageIds) next.messageIds = [...next.messageIds, ...push.messageIds.$each];
  if (push.followUps) next.followUps = [...next.followUps, ...push.followUps.$each];
  if (push.idempotency) next.idempotency = [...next.idempotency, ...push.idempotency.$each];
  return next;
}
