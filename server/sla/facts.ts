import type { SlaFacts } from "@/server/sla/clocks";
import type { ConversationKind } from "@/server/tickets/domain/types";
import type { TicketDocument } from "@/server/tickets/write-model";

type Public = SlaFacts["publics"][number];

/**
 * A ticket's SLA facts from its history, or null when the history no longer reaches back to its
 * creation (it keeps the last 500 entries): then the caller reads the conversation's kinds and
 * times from the messages (factsFromMessages).
 */
export function factsFromHistory(ticket: TicketDocument): SlaFacts | null {
  if (!ticket.history.some((e) => e.version === 1)) return null;
  const publics = [...ticket.history]
    .sort((a, b) => a.version - b.version)
    .flatMap((e): Public[] =>
      e.type === "MessageReceived"
        ? [{ from: "customer", at: e.at }]
        : e.type === "ReplySent"
          ? [{ from: "agent", at: e.at }]
          : [],
    );
  return { ...basics(ticket), publics };
}

/** The same facts from the conversation's entries (kind and time), in the ticket's order. */
export function factsFromMessages(
  ticket: TicketDocument,
  entries: { kind: ConversationKind; at: Date }[],
): SlaFacts {
  return {
    ...basics(ticket),
    publics: entries.flatMap((e): Public[] =>
      e.kind === "customer"
        ? [{ from: "customer", at: e.at }]
        : e.kind === "reply"
          ? [{ from: "agent", at: e.at }]
          : [],
    ),
  };
}

const basics = (ticket: TicketDocument) => ({
  createdAt: ticket.createdAt,
  priority: ticket.priority,
  closedAt: ticket.status === "closed" ? ticket.closedAt : null,
});
