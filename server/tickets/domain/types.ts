export const STATUSES = ["open", "triaged", "closed"] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Who did something: recorded on every history entry and conversation entry. */
export interface Actor {
  id: string;
  name: string;
}

/** A person who can be given tickets (an active agent or lead). */
export interface Assignable {
  id: string;
  name: string;
}

/** The person a ticket is for, identified by their (lower-cased) email. */
export interface Customer {
  email: string;
  name: string | null;
}

/** What a conversation entry is: the customer writing, an agent's public reply, or a note. */
export const CONVERSATION_KINDS = ["customer", "reply", "note"] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

/** Who wrote a conversation entry: a customer (email), a person of the desk, or an API caller. */
export interface Author {
  name: string;
  email?: string;
  personId?: string;
}

/**
 * One entry of a ticket's conversation after the first message. Its body lives in the
 * `messages` collection, not in the ticket (docs/architecture.md, "Where message bodies live").
 */
export interface ConversationEntry {
  id: string;
  kind: ConversationKind;
  body: string;
  author: Author;
  at: Date;
}

/** The current state of a ticket, as decide functions see it. */
export interface TicketState {
  id: string;
  subject: string;
  /** The customer's first message. */
  message: string;
  customer: Customer | null;
  status: Status;
  priority: Priority;
  /** A person's id (users collection); names are looked up when read. */
  assigneeId: string | null;
  tags: string[];
  /** The ids of every conversation entry after the first message, in order. Append-only. */
  messageIds: string[];
  noteCount: number;
  /** Customer messages and public replies, the first message included. */
  publicCount: number;
  /** When the last public message (customer or reply) was written, and by whom. */
  lastMessageAt: Date;
  lastMessageFrom: "customer" | "agent";
  /** The first public reply: when, and by whom (an actor id). */
  firstResponseAt: Date | null;
  firstResponderId: string | null;
  /** The closed ticket this one follows up on, and this ticket's own follow-ups. */
  followUpOf: string | null;
  followUps: string[];
  createdAt: Date;
  updatedAt: Date;
  /** When the ticket first left "open"; feeds time-to-triage. */
  triagedAt: Date | null;
  closedAt: Date | null;
  /** The SLA events recorded (slaMomentKey), so each is recorded once; the last 200. */
  slaRecorded: string[];
  version: number;
}

/** What happened. Past tense; one per applied command. */
export type TicketEvent =
  | {
      type: "TicketCreated";
      subject: string;
      message: string;
      customer: Customer | null;
      priority: Priority;
      tags: string[];
      followUpOf: string | null;
    }
  | { type: "StatusChanged"; from: Status; to: Status }
  | {
      type: "AgentAssigned";
      from: string | null;
      to: string | null;
      /** The assignee's name at the time, for the audit trail. */
      toName: string | null;
    }
  | { type: "NoteAdded"; entry: ConversationEntry }
  | { type: "MessageReceived"; entry: ConversationEntry; customer: Customer | null }
  | { type: "ReplySent"; entry: ConversationEntry }
  | { type: "TagsChanged"; added: string[]; removed: string[] }
  | { type: "FollowUpCreated"; followUpId: string }
  | { type: "PriorityChanged"; from: Priority; to: Priority }
  /** A free-text assignee from before people were linked (the start-up migration). */
  | { type: "AssigneeMigrated"; name: string; to: string | null; reason: string }
  /** 80% of an SLA target's time is used (recorded by the desk itself: server/sla/timers.ts). */
  | ({ type: "SlaWarning" } & SlaMoment)
  /** An SLA target's time ran out before it was met. */
  | ({ type: "SlaBreached" } & SlaMoment);

/** Which clock passed which point: a target, the policy version, the clock's start and due. */
export interface SlaMoment {
  target: "firstResponse" | "nextResponse" | "resolution";
  policyVersion: number;
  /** When the clock started (a ticket's next-response clock restarts with each customer message). */
  startedAt: Date;
  dueAt: Date;
}

/** The events the desk records by itself, not a person: they never conflict with a person's edit. */
export const isSystemEvent = (type: TicketEventType) =>
  type === "SlaWarning" || type === "SlaBreached";

/** What makes an SLA event once per ticket, target, policy version and clock start. */
export const slaMomentKey = (kind: "SlaWarning" | "SlaBreached", m: SlaMoment) =>
  `${kind}:${m.target}:${m.policyVersion}:${m.startedAt.getTime()}`;

export type TicketEventType = TicketEvent["type"];

/** Every event type, by name; a mapped type, so an event missing here does not compile. */
export const TICKET_EVENT_TYPES: { readonly [T in TicketEventType]: T } = {
  TicketCreated: "TicketCreated",
  StatusChanged: "StatusChanged",
  AgentAssigned: "AgentAssigned",
  NoteAdded: "NoteAdded",
  MessageReceived: "MessageReceived",
  ReplySent: "ReplySent",
  TagsChanged: "TagsChanged",
  FollowUpCreated: "FollowUpCreated",
  PriorityChanged: "PriorityChanged",
  AssigneeMigrated: "AssigneeMigrated",
  SlaWarning: "SlaWarning",
  SlaBreached: "SlaBreached",
};

/** The conversation entry an event adds, if it adds one. */
export function entryOf(event: TicketEvent): ConversationEntry | null {
  return event.type === "NoteAdded" ||
    event.type === "MessageReceived" ||
    event.type === "ReplySent"
    ? event.entry
    : null;
}

/** Waiting for an agent: not closed, and the customer wrote last. */
export const isAwaitingReply = (state: Pick<TicketState, "status" | "lastMessageFrom">) =>
  state.status !== "closed" && state.lastMessageFrom === "customer";

/** Time, identity and ids come from outside, so decisions are deterministic under test. */
export interface CommandContext {
  actor: Actor;
  now: Date;
  newId: () => string;
}
