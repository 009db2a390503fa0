// The event feed's events: one per version of a ticket, typed for consumers, carrying what a
// consumer needs without a second call (a reply's body and the customer's email, say). Pure:
// built from the ticket's history entry, the ticket, and the entry's message body.
import { personIdOf } from "@/server/tickets/domain/conversation";
import type { TicketEventType } from "@/server/tickets/domain/types";
import type { HistoryEntry, TicketDocument } from "@/server/tickets/write-model";

/** The feed's type of each write-model event; a mapped type, so a new event must be named here. */
export const FEED_TYPES = {
  TicketCreated: "ticket.created",
  StatusChanged: "ticket.status_changed",
  AgentAssigned: "ticket.assigned",
  AssigneeMigrated: "ticket.assigned",
  PriorityChanged: "ticket.priority_changed",
  NoteAdded: "ticket.note_added",
  MessageReceived: "ticket.message_received",
  ReplySent: "ticket.reply_sent",
  TagsChanged: "ticket.tagged",
  FollowUpCreated: "ticket.follow_up_created",
  SlaWarning: "sla.warning",
  SlaBreached: "sla.breached",
} as const satisfies { readonly [T in TicketEventType]: string };

export type FeedType = (typeof FEED_TYPES)[TicketEventType];
export const FEED_TYPE_NAMES: readonly FeedType[] = [...new Set(Object.values(FEED_TYPES))];

interface FeedActor {
  name: string;
  personId?: string;
}

/** An event as the feed serves it (without its position, which the sequencer gives it). */
export interface FeedEvent {
  /** `<ticket id>:<version>`: stable, the same on every delivery (webhooks' `webhook-id`). */
  id: string;
  type: FeedType;
  ticketId: string;
  version: number;
  at: string;
  actor: FeedActor;
  data: Record<string, unknown>;
}

export type PositionedEvent = FeedEvent & { position: number };

const feedEventId = (ticketId: string, version: number) => `${ticketId}:${version}`;

const list = (joined: string | null | undefined) => (joined ? joined.split(",") : []);

/** The message id a history entry adds to the conversation, if it adds one. */
export function messageIdOf(entry: HistoryEntry): string | null {
  return entry.type === "NoteAdded" ||
    entry.type === "MessageReceived" ||
    entry.type === "ReplySent"
    ? (entry.changes.messageId ?? null)
    : null;
}

/**
 * The event of one history entry. `body` is the text of the conversation entry it adds (for
 * notes, messages and replies). The customer is the ticket's as it is when the event is staged.
 */
export function feedEventOf(
  ticket: TicketDocument,
  entry: HistoryEntry,
  body: string | null,
): FeedEvent {
  const ticketId = ticket._id.toHexString();
  const personId = personIdOf(entry.actor.id);
  const customer = ticket.customer
    ? { email: ticket.customer.email, name: ticket.customer.name }
    : null;
  const c = entry.changes;
  const data = ((): Record<string, unknown> => {
    switch (entry.type) {
      case "TicketCreated":
        return {
          subject: c.subject ?? ticket.subject,
          priority: c.priority ?? ticket.priority,
          message: ticket.message,
          customer,
          tags: list(c.tags),
          followUpOf: c.followUpOf ?? null,
        };
      case "StatusChanged":
      case "PriorityChanged":
        return { from: c.from ?? null, to: c.to ?? null };
      case "AgentAssigned":
        return {
          from: c.from ?? null,
          to: c.to ? { personId: c.to, name: c.toName ?? null } : null,
        };
      case "AssigneeMigrated":
        return {
          from: null,
          to: c.to ? { personId: c.to, name: null } : null,
          migratedFrom: c.from ?? null,
          reason: c.reason ?? null,
        };
      case "NoteAdded":
        return { messageId: c.messageId ?? null, body, internal: true };
      case "MessageReceived":
        return { messageId: c.messageId ?? null, body, customer };
      case "ReplySent":
        return { messageId: c.messageId ?? null, body, customer };
      case "TagsChanged":
        return { added: list(c.added), removed: list(c.removed) };
      case "FollowUpCreated":
        return { followUpId: c.followUpId ?? null };
      case "SlaWarning":
      case "SlaBreached":
        return {
          target: c.target ?? null,
          policyVersion: Number(c.policyVersion ?? 0),
          startedAt: c.startedAt ?? null,
          dueAt: c.dueAt ?? null,
        };
    }
  })();
  return {
    id: feedEventId(ticketId, entry.version),
    type: FEED_TYPES[entry.type],
    ticketId,
    version: entry.version,
    at: entry.at.toISOString(),
    actor: personId ? { name: entry.actor.name, personId } : { name: entry.actor.name },
    data,
  };
}
