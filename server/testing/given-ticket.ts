import type { CommandContext, TicketState } from "@/server/tickets/domain/types";

/** Test fixtures for decide functions: a ticket in a known state and a fixed clock. */
export function givenTicket(overrides: Partial<TicketState> = {}): TicketState {
  const at = new Date("2026-01-05T09:00:00Z");
  return {
    id: "65a000000000000000000001",
    subject: "Printer on fire",
    message: "It is on fire.",
    customer: { email: "ada@example.test", name: "Ada" },
    status: "open",
    priority: "normal",
    assigneeId: null,
    tags: [],
    messageIds: [],
    noteCount: 0,
    publicCount: 1,
    lastMessageAt: at,
    lastMessageFrom: "customer",
    firstResponseAt: null,
    firstResponderId: null,
    followUpOf: null,
    followUps: [],
    createdAt: at,
    updatedAt: at,
    triagedAt: null,
    closedAt: null,
    slaRecorded: [],
    version: 1,
    ...overrides,
  };
}

export const ctx: CommandContext = {
  actor: { id: "u1", name: "Ada Agent" },
  now: new Date("2026-01-05T10:00:00Z"),
  newId: () => "note-1",
};
