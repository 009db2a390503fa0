import { describe, expect, it } from "vitest";
import { decideAddNote, NOTE_LIMIT, addNoteInput } from "@/server/tickets/commands/add-note";
import { assignAgentInput, decideAssignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatusInput, decideChangeStatus } from "@/server/tickets/commands/change-status";
import { createTicketInput, decideCreateTicket } from "@/server/tickets/commands/create-ticket";
import { decideSetPriority, setPriorityInput } from "@/server/tickets/commands/set-priority";
import { InvalidTransitionError, ValidationError } from "@/server/tickets/domain/errors";
import { evolve } from "@/server/tickets/domain/evolve";
import { ctx, givenTicket } from "@/server/testing/given-ticket";

describe("CreateTicket", () => {
  it("given valid input, when decided, then a ticket is created open with normal priority", () => {
    const input = createTicketInput.parse({ subject: "  Printer  ", message: "Broken" });
    expect(input).toEqual({
      subject: "Printer",
      message: "Broken",
      customer: null,
      priority: "normal",
      tags: [],
    });
    const event = decideCreateTicket(input);
    const state = evolve(null, event, {
      ticketId: "t1",
      at: ctx.now,
      actor: ctx.actor,
      version: 1,
    });
    expect(state).toMatchObject({
      status: "open",
      priority: "normal",
      assigneeId: null,
      messageIds: [],
      lastMessageFrom: "customer",
      version: 1,
    });
  });

  it.each([
    [{ subject: "", message: "x" }, "subject"],
    [{ subject: "   ", message: "x" }, "subject"],
    [{ subject: "s".repeat(201), message: "x" }, "subject"],
    [{ subject: "s", message: "" }, "message"],
    [{ subject: "s", message: "m".repeat(20_001) }, "message"],
    [{ subject: "s", message: "m", customerEmail: "not-an-email" }, "customerEmail"],
    [{ subject: "s", message: "m", priority: "critical" }, "priority"],
    [{ subject: "s\u0000", message: "m" }, "subject"],
  ])("given %j, when parsed, then %s is refused", (raw, field) => {
    const result = createTicketInput.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it("given an unknown field, when parsed, then it is refused", () => {
    expect(
      createTicketInput.safeParse({ subject: "s", message: "m", status: "closed" }).success,
    ).toBe(false);
  });

  it("given 200 characters of subject and 20,000 of message, when parsed, then accepted", () => {
    expect(
      createTicketInput.safeParse({ subject: "s".repeat(200), message: "m".repeat(20_000) })
        .success,
    ).toBe(true);
  });
});

describe("ChangeStatus", () => {
  it("given an open ticket, when triaged, then StatusChanged open → triaged", () => {
    expect(decideChangeStatus(givenTicket(), "triaged")).toEqual({
      type: "StatusChanged",
      from: "open",
      to: "triaged",
    });
  });

  it("given a triaged ticket, when closed, then StatusChanged triaged → closed", () => {
    expect(decideChangeStatus(givenTicket({ status: "triaged" }), "closed")).toEqual({
      type: "StatusChanged",
      from: "triaged",
      to: "closed",
    });
  });

  it("given an open ticket, when closed directly, then allowed", () => {
    expect(decideChangeStatus(givenTicket(), "closed")).toMatchObject({ to: "closed" });
  });

  it.each(["open", "triaged"] as const)(
    "given a closed ticket, when moved to %s, then refused as an invalid transition",
    (to) => {
      const decision = decideChangeStatus(givenTicket({ status: "closed" }), to);
      expect(decision).toBeInstanceOf(InvalidTransitionError);
      expect((decision as Error).message).toMatch(/closed/);
    },
  );

  it.each(["open", "triaged", "closed"] as const)(
    "given a %s ticket, when set to the same status, then nothing happens",
    (status) => {
      expect(decideChangeStatus(givenTicket({ status }), status)).toBeNull();
    },
  );

  it("given a ticket triaged then reopened, when evolved, then first triage time is kept", () => {
    const meta = (version: number, at: string) => ({
      ticketId: "t",
      actor: ctx.actor,
      version,
      at: new Date(at),
    });
    let state = evolve(
      givenTicket(),
      { type: "StatusChanged", from: "open", to: "triaged" },
      meta(2, "2026-01-05T10:00:00Z"),
    );
    state = evolve(
      state,
      { type: "StatusChanged", from: "triaged", to: "open" },
      meta(3, "2026-01-05T11:00:00Z"),
    );
    state = evolve(
      state,
      { type: "StatusChanged", from: "open", to: "triaged" },
      meta(4, "2026-01-05T12:00:00Z"),
    );
    expect(state.triagedAt).toEqual(new Date("2026-01-05T10:00:00Z"));
    expect(state.version).toBe(4);
  });

  it("given an unknown status, when parsed, then refused", () => {
    expect(changeStatusInput.safeParse({ status: "reopened" }).success).toBe(false);
  });
});

describe("AssignAgent", () => {
  const ada = { id: "65a000000000000000000a0a", name: "Ada" };
  const bob = { id: "65a000000000000000000b0b", name: "Bob" };

  it("given an unassigned ticket, when assigned a person, then AgentAssigned null → their id", () => {
    expect(decideAssignAgent(givenTicket(), ada)).toEqual({
      type: "AgentAssigned",
      from: null,
      to: ada.id,
      toName: "Ada",
    });
  });

  it("given an assigned ticket, when unassigned with null, then AgentAssigned id → null", () => {
    expect(decideAssignAgent(givenTicket({ assigneeId: ada.id }), null)).toEqual({
      type: "AgentAssigned",
      from: ada.id,
      to: null,
      toName: null,
    });
  });

  it("given the same assignee, when assigned again, then nothing happens", () => {
    expect(decideAssignAgent(givenTicket({ assigneeId: ada.id }), ada)).toBeNull();
  });

  it("given a closed ticket, when reassigned, then refused", () => {
    expect(
      decideAssignAgent(givenTicket({ status: "closed", assigneeId: ada.id }), bob),
    ).toBeInstanceOf(InvalidTransitionError);
  });

  it.each([
    [{ assigneeId: "Ada" }],
    [{ assigneeId: 42 }],
    [{ assignee: "" }],
    [{}],
    [{ assignee: "Ada", assigneeId: null }],
  ])("given %j, when parsed, then refused", (input) => {
    expect(assignAgentInput.safeParse(input).success).toBe(false);
  });

  it("given a person's id, null, or a name (the first version's field), when parsed, then accepted", () => {
    expect(assignAgentInput.safeParse({ assigneeId: ada.id }).success).toBe(true);
    expect(assignAgentInput.safeParse({ assigneeId: null }).success).toBe(true);
    expect(assignAgentInput.safeParse({ assignee: "a".repeat(100) }).success).toBe(true);
  });
});

describe("AddNote", () => {
  it("given a ticket, when a note is added, then NoteAdded with an entry and the ticket lists it", () => {
    const event = decideAddNote(givenTicket(), "Called the customer", ctx);
    expect(event).toEqual({
      type: "NoteAdded",
      entry: {
        id: "note-1",
        kind: "note",
        body: "Called the customer",
        author: { name: "Ada Agent" },
        at: ctx.now,
      },
    });
    const meta = { ticketId: "t", actor: ctx.actor, version: 2, at: ctx.now };
    const once = evolve(givenTicket(), event as never, meta);
    expect(once).toMatchObject({ messageIds: ["note-1"], noteCount: 1, publicCount: 1 });
    // A note is internal: the customer is still owed a reply.
    expect(once.lastMessageFrom).toBe("customer");
  });

  it("given a closed ticket, when a note is added, then it is allowed", () => {
    expect(
      decideAddNote(givenTicket({ status: "closed" }), "Customer confirmed", ctx),
    ).toMatchObject({ type: "NoteAdded" });
  });

  it("given a ticket at the note limit, when a note is added, then refused", () => {
    expect(decideAddNote(givenTicket({ noteCount: NOTE_LIMIT }), "one more", ctx)).toBeInstanceOf(
      ValidationError,
    );
  });

  it.each([[""], ["  "], ["n".repeat(5_001)]])(
    "given body %j, when parsed, then refused",
    (body) => {
      expect(addNoteInput.safeParse({ body }).success).toBe(false);
    },
  );
});

describe("SetPriority", () => {
  it("given a normal ticket, when set to urgent, then PriorityChanged", () => {
    expect(decideSetPriority(givenTicket(), "urgent")).toEqual({
      type: "PriorityChanged",
      from: "normal",
      to: "urgent",
    });
  });

  it("given the same priority, when set, then nothing happens", () => {
    expect(decideSetPriority(givenTicket({ priority: "high" }), "high")).toBeNull();
  });

  it("given a closed ticket, when the priority changes, then refused", () => {
    expect(decideSetPriority(givenTicket({ status: "closed" }), "low")).toBeInstanceOf(
      InvalidTransitionError,
    );
  });

  it("given an unknown priority, when parsed, then refused", () => {
    expect(setPriorityInput.safeParse({ priority: "p1" }).success).toBe(false);
  });
});
