import {
  slaMomentKey,
  type Actor,
  type TicketEvent,
  type TicketState,
} from "@/server/tickets/domain/types";

const SLA_RECORDED_LIMIT = 200;

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
      customer: event.customer,
      status: "open",
      priority: event.priority,
      assigneeId: null,
      tags: event.tags,
      messageIds: [],
      noteCount: 0,
      publicCount: 1,
      lastMessageAt: meta.at,
      lastMessageFrom: "customer",
      firstResponseAt: null,
      firstResponderId: null,
      followUpOf: event.followUpOf,
      followUps: [],
      createdAt: meta.at,
      updatedAt: meta.at,
      triagedAt: null,
      closedAt: null,
      slaRecorded: [],
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
    case "AssigneeMigrated":
      return { ...base, assigneeId: event.to };
    case "NoteAdded":
      return {
        ...base,
        messageIds: [...state.messageIds, event.entry.id],
        noteCount: state.noteCount + 1,
      };
    case "MessageReceived":
      return {
        ...base,
        customer: state.customer ?? event.customer,
        messageIds: [...state.messageIds, event.entry.id],
        publicCount: state.publicCount + 1,
        lastMessageAt: meta.at,
        lastMessageFrom: "customer",
      };
    case "ReplySent":
      return {
        ...base,
        messageIds: [...state.messageIds, event.entry.id],
        publicCount: state.publicCount + 1,
        lastMessageAt: meta.at,
        lastMessageFrom: "agent",
        firstResponseAt: state.firstResponseAt ?? meta.at,
        firstResponderId: state.firstResponderId ?? meta.actor.id,
      };
    case "TagsChanged": {
      const removed = new Set(event.removed);
      const kept = state.tags.filter((t) => !removed.has(t));
      return { ...base, tags: [...kept, ...event.added.filter((t) => !kept.includes(t))] };
    }
    case "FollowUpCreated":
      return { ...base, followUps: [...state.followUps, event.followUpId] };
    case "PriorityChanged":
      return { ...base, priority: event.to };
    case "SlaWarning":
    case "SlaBreached":
      // Nobody acted: the ticket keeps its place in the list (updatedAt), only its version moves.
      return {
        ...state,
        version: meta.version,
        slaRecorded: [...state.slaRecorded, slaMomentKey(event.type, event)].slice(
          -SLA_RECORDED_LIMIT,
        ),
      };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown event ${JSON.stringify(unreachable)}`);
    }
  }
}
