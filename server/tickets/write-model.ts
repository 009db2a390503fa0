// The write model: one document per ticket holding its state, its version, its history and its
// projection marker. Every command changes it with one single-document atomic write.
import type { ObjectId } from "mongodb";
import type {
  Note,
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
export interface TicketDocument extends Omit<TicketState, "id"> {
  _id: ObjectId;
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

export const HISTORY_LIMIT = 500;
export const IDEMPOTENCY_LIMIT = 50;

export function toState(doc: TicketDocument): TicketState {
  return {
    id: doc._id.toHexString(),
    subject: doc.subject,
    message: doc.message,
    customerEmail: doc.customerEmail,
    status: doc.status,
    priority: doc.priority,
    assignee: doc.assignee,
    notes: doc.notes,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    triagedAt: doc.triagedAt,
    closedAt: doc.closedAt,
    version: doc.version,
  };
}

/** The scalar fields of a state, as written with `$set`. Arrays are appended separately. */
export function stateFields(state: TicketState) {
  return {
    subject: state.subject,
    message: state.message,
    customerEmail: state.customerEmail,
    status: state.status,
    priority: state.priority,
    assignee: state.assignee,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    triagedAt: state.triagedAt,
    closedAt: state.closedAt,
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
          customerEmail: event.customerEmail,
        },
      };
    case "StatusChanged":
    case "PriorityChanged":
    case "AgentAssigned":
      return { ...base, changes: { from: event.from, to: event.to } };
    case "NoteAdded":
      return { ...base, changes: { noteId: event.noteId } };
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
    notes?: { $each: Note[] };
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
  if (push.notes) next.notes = [...next.notes, ...push.notes.$each];
  if (push.idempotency) next.idempotency = [...next.idempotency, ...push.idempotency.$each];
  return next;
}
