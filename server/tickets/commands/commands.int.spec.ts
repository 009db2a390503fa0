import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import { getCollections } from "@/server/db/client";
import { addNote } from "@/server/tickets/commands/add-note";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { createTicket } from "@/server/tickets/commands/create-ticket";
import { setPriority } from "@/server/tickets/commands/set-priority";
import {
  IdempotencyKeyReusedError,
  InvalidTransitionError,
  TicketNotFoundError,
  VersionConflictError,
} from "@/server/tickets/domain/errors";
import { as, create, givenPeople } from "@/server/testing/fixtures";

const ticket = async () => (await create({ subject: "Printer", message: "Broken" })).ticketId;
const load = async (ticketId: string) =>
  (await getCollections()).tickets.findOne({ _id: new ObjectId(ticketId) });

describe("ticket commands against the database", () => {
  it("each applied command bumps the version by one and appends one history entry", async () => {
    const id = await ticket();
    expect(await changeStatus(id, { status: "triaged" }, as())).toEqual({
      ticketId: id,
      version: 2,
    });
    const [ada] = (await givenPeople(["Ada"])).values();
    expect(await assignAgent(id, { assigneeId: ada! }, as())).toEqual({
      ticketId: id,
      version: 3,
    });
    expect(await addNote(id, { body: "Checked the toner" }, as("Ada"))).toEqual({
      ticketId: id,
      version: 4,
    });
    expect(await setPriority(id, { priority: "urgent" }, as())).toEqual({
      ticketId: id,
      version: 5,
    });
    const doc = await load(id);
    expect(doc?.history.map((h) => [h.version, h.type])).toEqual([
      [1, "TicketCreated"],
      [2, "StatusChanged"],
      [3, "AgentAssigned"],
      [4, "NoteAdded"],
      [5, "PriorityChanged"],
    ]);
    const notes = await (
      await getCollections()
    ).messages
      .find({ _id: { $in: doc!.messageIds.map((m) => `${id}:${m}`) } })
      .toArray();
    expect(notes).toMatchObject([
      { kind: "note", body: "Checked the toner", author: { name: "Ada" } },
    ]);
    expect(doc).toMatchObject({
      status: "triaged",
      assigneeId: ada,
      priority: "urgent",
      version: 5,
    });
  });

  it("setting the status a ticket already has writes nothing and returns the same version", async () => {
    const id = await ticket();
    expect(await changeStatus(id, { status: "open" }, as())).toEqual({ ticketId: id, version: 1 });
    expect((await load(id))?.history).toHaveLength(1);
  });

  it("refuses to reopen a closed ticket", async () => {
    const id = await ticket();
    await changeStatus(id, { status: "closed" }, as());
    await expect(changeStatus(id, { status: "open" }, as())).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    expect((await load(id))?.status).toBe("closed");
  });

  it("an unknown or malformed ticket id is not found", async () => {
    await expect(
      changeStatus(new ObjectId().toHexString(), { status: "closed" }, as()),
    ).rejects.toBeInstanceOf(TicketNotFoundError);
    await expect(changeStatus("not-an-id", { status: "closed" }, as())).rejects.toBeInstanceOf(
      TicketNotFoundError,
    );
  });

  it("with expectedVersion, a stale version is a conflict and nothing is written", async () => {
    const id = await ticket();
    await changeStatus(id, { status: "triaged", expectedVersion: 1 }, as());
    const error = await setPriority(id, { priority: "low", expectedVersion: 1 }, as()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    expect(await load(id)).toMatchObject({ version: 2, priority: "normal" });
  });

  it("20 concurrent status changes: versions strictly increase, one history entry per applied change, closed never reopens", async () => {
    const id = await ticket();
    const statuses = ["triaged", "open", "closed", "triaged", "open"] as const;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        changeStatus(id, { status: statuses[i % statuses.length]! }, as()),
      ),
    );
    const doc = (await load(id))!;
    const versions = doc.history.map((h) => h.version);
    expect(versions).toEqual(Array.from({ length: doc.version }, (_, i) => i + 1));
    const applied = doc.history.filter((h) => h.type === "StatusChanged");
    expect(applied.length).toBe(doc.version - 1);
    // Once closed, nothing after it.
    const closedAt = applied.findIndex((h) => h.changes.to === "closed");
    if (closedAt >= 0) expect(applied.length).toBe(closedAt + 1);
    expect(doc.status).toBe("closed");
    // Every refusal is the closed rule, never a lost update or an internal error.
    for (const outcome of outcomes) {
      if (outcome.status === "rejected")
        expect(outcome.reason).toBeInstanceOf(InvalidTransitionError);
    }
    // Every success returned a version that exists in the history.
    for (const outcome of outcomes) {
      if (outcome.status === "fulfilled")
        expect(outcome.value.version).toBeLessThanOrEqual(doc.version);
    }
  });

  it("10 writers adding notes to one ticket at once: each is applied once, none is refused", async () => {
    // Given one ticket; when ten notes are added to it at the same moment.
    const id = await ticket();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => addNote(id, { body: `Writer ${i}` }, as())),
    );
    // Then every writer was answered with its own version, and every note is in the ticket.
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 2),
    );
    const doc = (await load(id))!;
    expect(doc.version).toBe(11);
    expect(doc.messageIds).toHaveLength(10);
  });

  it("a repeated idempotency key on create returns the first result and creates one ticket", async () => {
    const cols = await getCollections();
    const before = await cols.tickets.countDocuments();
    const idempotency = { key: "create-123", scope: "test" };
    const input = { subject: "Once", message: "Only once" };
    const first = await createTicket(
      { ...input, customer: null, priority: "normal", tags: [] },
      { ...as(), idempotency },
    );
    const again = await createTicket(
      { ...input, customer: null, priority: "normal", tags: [] },
      { ...as(), idempotency },
    );
    expect(again).toEqual(first);
    expect(await cols.tickets.countDocuments()).toBe(before + 1);
    await expect(
      createTicket(
        { subject: "Other", message: "x", customer: null, priority: "normal", tags: [] },
        { ...as(), idempotency },
      ),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it("a repeated idempotency key on a ticket command returns the first result and writes nothing", async () => {
    const id = await ticket();
    const idempotency = { key: "note-1", scope: "test" };
    const first = await addNote(id, { body: "Once" }, { ...as(), idempotency });
    await changeStatus(id, { status: "triaged" }, as());
    const again = await addNote(id, { body: "Once" }, { ...as(), idempotency });
    expect(again).toEqual(first);
    expect((await load(id))?.messageIds).toHaveLength(1);
    await expect(
      addNote(id, { body: "Different" }, { ...as(), idempotency }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it("two concurrent retries with one key and expectedVersion both get the first result, not a conflict", async () => {
    for (let round = 0; round < 5; round++) {
      const id = await ticket();
      const idempotency = { key: `race-${round}`, scope: "test" };
      const results = await Promise.all([
        changeStatus(id, { status: "triaged", expectedVersion: 1 }, { ...as(), idempotency }),
        changeStatus(id, { status: "triaged", expectedVersion: 1 }, { ...as(), idempotency }),
      ]);
      expect(results).toEqual([
        { ticketId: id, version: 2 },
        { ticketId: id, version: 2 },
      ]);
    }
  });

  it("a create key keeps answering after 50 other keyed commands on the ticket", async () => {
    const idempotency = { key: "create-long-lived", scope: "test" };
    const input = {
      subject: "Busy",
      message: "Many notes",
      customer: null,
      priority: "normal" as const,
      tags: [],
    };
    const first = await createTicket(input, { ...as(), idempotency });
    for (let i = 0; i < 51; i++) {
      await addNote(
        first.ticketId,
        { body: `n${i}` },
        { ...as(), idempotency: { key: `n${i}`, scope: "test" } },
      );
    }
    expect(await createTicket(input, { ...as(), idempotency })).toEqual(first);
  });

  it("a keyed command that changed nothing answers the same when retried after the ticket changed", async () => {
    const id = await ticket();
    const idempotency = { key: "noop", scope: "test" };
    expect(await changeStatus(id, { status: "open" }, { ...as(), idempotency })).toEqual({
      ticketId: id,
      version: 1,
    });
    await changeStatus(id, { status: "triaged" }, as());
    expect(await changeStatus(id, { status: "open" }, { ...as(), idempotency })).toEqual({
      ticketId: id,
      version: 1,
    });
    expect((await load(id))?.status).toBe("triaged");
  });
});
