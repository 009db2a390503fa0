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
      customerEmail: null,
      priority: "normal",
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
      assignee: null,
      notes: [],
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
  it("given an unassigned ticket, when assigned, then AgentAssigned null → agent", () => {
    expect(decideAssignAgent(givenTicket(), "Ada")).toEqual({
      type: "AgentAssigned",
      from: null,
      to: "Ada",
    });
  });

  it("given an assigned ticket, when unassigned with null, then AgentAssigned agent → null", () => {
    expect(decideAssignAgent(givenTicket({ assignee: "Ada" }), null)).toEqual({
      type: "AgentAssigned",
      from: "Ada",
      to: null,
    });
  });

  it("given the same assignee, when assigned again, then nothing happens", () => {
    expect(decideAssignAgent(givenTicket({ assignee: "Ada" }), "Ada")).toBeNull();
  });

  it("given a closed ticket, when reassigned, then refused", () => {
    expect(
      decideAssignAgent(givenTicket({ status: "closed", assignee: "Ada" }), "Bob"),
    ).toBeInstanceOf(InvalidTransitionError);
  });

  it.each([[""], ["   "], ["a".repeat(101)], [42]])(
    "given assignee %j, when parsed, then refused",
    (assignee) => {
      expect(assignAgentInput.safeParse({ assignee }).success).toBe(false);
    },
  );

  it("given null or 100 characters, when parsed, then accepted", () => {
    expect(assignAgentInput.safeParse({ assignee: null }).success).toBe(true);
    expect(assignAgentInput.safeParse({ assignee: "a".repeat(100) }).success).toBe(true);
  });
});

describe("AddNote", () => {
  it("given a ticket, when a note is added, then NoteAdded and the ticket keeps every note", () => {
    const event = decideAddNote(givenTicket(), "Called the customer", ctx);
    expect(event).toEqual({ type: "NoteAdded", noteId: "note-1", body: "Called the customer" });
    const meta = { ticketId: "t", actor: ctx.actor, version: 2, at: ctx.now };
    const once = evolve(givenTicket(), event as never, meta);
    const twice = evolve(
      once,
      { type: "NoteAdded", noteId: "note-2", body: "Second" },
      { ...meta, version: 3 },
    );
    expect(twice.notes.map((n) => [n.body, n.author])).toEqual([
      ["Called the customer", "Ada Agent"],
      ["Second", "Ada Agent"],
    ]);
  });

  it("given a closed ticket, when a note is added, then it is allowed", () => {
    expect(
      decideAddNote(givenTicket({ status: "closed" }), "Customer confirmed", ctx),
    ).toMatchObject({ type: "NoteAdded" });
  });

  it("given a ticket at the note limit, when a note is added, then refused", () => {
    const notes = Array.from({ length: NOTE_LIMIT }, (_, i) => ({
      id: `${i}`,
      body: "n",
      author: "a",
      at: ctx.now,
    }));
    expect(decideAddNote(givenTicket({ notes }), "one more", ctx)).toBeInstanceOf(ValidationError);
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
