export const STATUSES = ["open", "triaged", "closed"] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Who did something: recorded on every history entry and note. */
export interface Actor {
  id: string;
  name: string;
}

export interface Note {
  id: string;
  body: string;
  author: string;
  at: Date;
}

/** The current state of a ticket, as decide functions see it. */
export interface TicketState {
  id: string;
  subject: string;
  message: string;
  customerEmail: string | null;
  status: Status;
  priority: Priority;
  assignee: string | null;
  notes: Note[];
  createdAt: Date;
  updatedAt: Date;
  /** When the ticket first left "open"; feeds time-to-triage. */
  triagedAt: Date | null;
  closedAt: Date | null;
  version: number;
}

/** What happened. Past tense; one per applied command. */
export type TicketEvent =
  | {
      type: "TicketCreated";
      subject: string;
      message: string;
      customerEmail: string | null;
      priority: Priority;
    }
  | { type: "StatusChanged"; from: Status; to: Status }
  | { type: "AgentAssigned"; from: string | null; to: string | null }
  | { type: "NoteAdded"; noteId: string; body: string }
  | { type: "PriorityChanged"; from: Priority; to: Priority };

export type TicketEventType = TicketEvent["type"];

/** Every event type, by name; a mapped type, so an event missing here does not compile. */
export const TICKET_EVENT_TYPES: { readonly [T in TicketEventType]: T } = {
  TicketCreated: "TicketCreated",
  StatusChanged: "StatusChanged",
  AgentAssigned: "AgentAssigned",
  NoteAdded: "NoteAdded",
  PriorityChanged: "PriorityChanged",
};

/** Time, identity and ids come from outside, so decisions are deterministic under test. */
export interface CommandContext {
  actor: Actor;
  now: Date;
  newId: () => string;
}
