import type { Actor, TicketEvent, TicketState } from "@/server/tickets/domain/types";

export interface EventMeta {
  ticketId: string;
  at: Date;
  actor: Actor;
  /** The version the ticket has once this event is applied. */
  version: number;
}

/** Applies one event to a ticket's state. `null` state only for TicketCreated. */
export function evolve(
  state: TicketState | null,
  event: TicketEvent,
  meta: EventMeta,
): TicketState {
  if (event.type === "TicketCreated") {
    return {
      id: meta.ticketId,
      subject: event.subject,
      message: event.message,
      customerEmail: event.customerEmail,
      status: "open",
      priority: event.priority,
      assignee: null,
      notes: [],
      createdAt: meta.at,
      updatedAt: meta.at,
      triagedAt: null,
      closedAt: null,
      version: meta.version,
    };
  }
  if (!state) throw new Error(`${event.type} cannot be applied to a ticket that does not exist`);
  const base = { ...state, updatedAt: meta.at, version: meta.version };
  switch (event.type) {
    case "StatusChanged":
      return {
        ...base,
        status: event.to,
        triagedAt: state.triagedAt ?? (event.to !== "open" ? meta.at : null),
        closedAt: event.to === "closed" ? meta.at : state.closedAt,
      };
    case "AgentAssigned":
      return { ...base, assignee: event.to };
    case "NoteAdded":
      return {
        ...base,
        notes: [
          ...state.notes,
          { id: event.noteId, body: event.body, author: meta.actor.name, at: meta.at },
        ],
      };
    case "PriorityChanged":
      return { ...base, priority: event.to };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown event ${JSON.stringify(unreachable)}`);
    }
  }
}
