import { ObjectId } from "mongodb";
import { beforeEach, describe, expect, it } from "vitest";
import { testCollections, type TestCollections } from "@/server/testing/read-collections";
import { projectTicket } from "@/server/projections/project";
import { addNote } from "@/server/tickets/commands/add-note";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { createTicket } from "@/server/tickets/commands/create-ticket";
import { as, drainProjectionQueue, create, manualProjector } from "@/server/testing/fixtures";

const LONG = `My order #4471 arrived yesterday but the box was crushed and the blender inside does not turn on at all.\n\nI tried another socket, same thing. Could you send a replacement?`;

describe("creating and projecting a ticket", () => {
  let cols: TestCollections;
  beforeEach(async () => {
    cols = await testCollections();
  });

  it("writes version 1 with a history entry and the projection marker, in one document", async () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const { ticketId, version } = await createTicket(
      {
        subject: "Blender broken",
        message: LONG,
        customer: { email: "sam@example.test", name: null },
        priority: "high",
        tags: [],
      },
      as("Ada", now),
    );
    expect(version).toBe(1);
    const doc = await cols.tickets.findOne({ _id: new ObjectId(ticketId) });
    expect(doc).toMatchObject({
      subject: "Blender broken",
      status: "open",
      priority: "high",
      version: 1,
      dirtySince: now,
      projectedVersion: 0,
    });
    expect(doc?.history).toEqual([
      {
        version: 1,
        type: "TicketCreated",
        at: now,
        actor: { id: "Ada", name: "Ada" },
        changes: { subject: "Blender broken", priority: "high", customerEmail: "sam@example.test" },
      },
    ]);
    expect(await cols.projectionQueue.findOne({ _id: new ObjectId(ticketId) })).not.toBeNull();
  });

  it("projects a ticket_list row with preview, hasNote false and version 1, and clears the marker", async () => {
    const { ticketId } = await create({ subject: "Blender broken", message: LONG });
    await drainProjectionQueue();
    const row = await cols.ticketList.findOne({ _id: new ObjectId(ticketId) });
    expect(row).toMatchObject({
      subject: "Blender broken",
      status: "open",
      hasNote: false,
      noteCount: 0,
      version: 1,
    });
    expect(row?.preview).toMatch(/^My order #4471 arrived yesterday but the box was crushed/);
    expect(row?.preview.endsWith("…")).toBe(true);
    expect(row?.preview).not.toContain("\n");
    const doc = await cols.tickets.findOne({ _id: new ObjectId(ticketId) });
    expect(doc).toMatchObject({ dirtySince: null, projectedVersion: 1 });
    expect(await cols.projectionQueue.countDocuments({ _id: new ObjectId(ticketId) })).toBe(0);
  });

  it("projecting the same version twice changes nothing", async () => {
    const { ticketId } = await create({ subject: "Twice", message: "Hello" });
    await drainProjectionQueue();
    const _id = new ObjectId(ticketId);
    const before = await cols.ticketList.findOne({ _id });
    const ticket = await cols.tickets.findOne({ _id });
    await projectTicket(cols, ticket!, new Date(Date.now() + 60_000));
    expect(await cols.ticketList.findOne({ _id })).toEqual(before);
    expect(await cols.ticketList.countDocuments({ _id })).toBe(1);
  });

  it("projecting an older version after a newer one never moves the read model backwards", async () => {
    const { ticketId } = await create({ subject: "Order", message: "Hello" });
    const _id = new ObjectId(ticketId);
    const v1 = await cols.tickets.findOne({ _id });
    await addNote(ticketId, { body: "Called back" }, as());
    await changeStatus(ticketId, { status: "triaged" }, as());
    await drainProjectionQueue();
    const current = await cols.ticketList.findOne({ _id });
    expect(current).toMatchObject({ version: 3, status: "triaged", hasNote: true, noteCount: 1 });

    await projectTicket(cols, v1!, new Date());
    expect(await cols.ticketList.findOne({ _id })).toEqual(current);
    expect((await cols.ticketDetail.findOne({ _id }))?.version).toBe(3);
  });

  it("keeps the ticket marked when a command lands while it is being projected", async () => {
    const { ticketId } = await create({ subject: "Race", message: "Hello" });
    const _id = new ObjectId(ticketId);
    const stale = await cols.tickets.findOne({ _id });
    await changeStatus(ticketId, { status: "triaged" }, as());
    // A projector that read version 1 finishes after version 2 was written:
    await projectTicket(cols, stale!, new Date());
    await cols.tickets.updateOne(
      { _id, version: 1 },
      { $set: { dirtySince: null, projectedVersion: 1 } },
    );
    expect((await cols.tickets.findOne({ _id }))?.dirtySince).not.toBeNull();
    await drainProjectionQueue();
    expect(await cols.ticketList.findOne({ _id })).toMatchObject({ version: 2, status: "triaged" });
  });

  it("re-queues a marked ticket whose queue entry was lost (crash between the two writes)", async () => {
    const { ticketId } = await create({ subject: "Lost entry", message: "Hello" });
    const _id = new ObjectId(ticketId);
    await cols.projectionQueue.deleteOne({ _id });
    const projector = manualProjector();
    expect(await projector.sweep(cols)).toBeGreaterThanOrEqual(1);
    await drainProjectionQueue(projector);
    expect(await cols.ticketList.findOne({ _id })).toMatchObject({ version: 1 });
  });

  it("a new command revives a ticket parked as a dead letter", async () => {
    const { ticketId } = await create({ subject: "Parked", message: "Hello" });
    const _id = new ObjectId(ticketId);
    await cols.projectionQueue.updateOne(
      { _id },
      { $set: { dead: true, attempts: 8, lastError: "boom", leaseUntil: new Date("9999-12-31") } },
    );
    await changeStatus(ticketId, { status: "triaged" }, as());
    expect(await cols.projectionQueue.findOne({ _id })).toMatchObject({ dead: false, attempts: 0 });
    await drainProjectionQueue();
    expect(await cols.ticketList.findOne({ _id })).toMatchObject({ version: 2, status: "triaged" });
  });

  it("a projector whose lease ran out cannot delete an entry that was re-created since", async () => {
    const { ticketId } = await create({ subject: "Slow projector", message: "Hello" });
    const _id = new ObjectId(ticketId);
    // A stale projector claimed n=1 with its token, then stalled; another finished the entry.
    const stale = await cols.projectionQueue.findOneAndUpdate(
      { _id },
      { $set: { owner: "stale-claim", leaseUntil: new Date(0) } },
      { returnDocument: "after" },
    );
    await drainProjectionQueue();
    await changeStatus(ticketId, { status: "triaged" }, as()); // re-creates the entry, n = 1 again
    const fresh = await cols.projectionQueue.findOne({ _id });
    expect(fresh?.n).toBe(stale?.n);
    // What the stale projector does when it wakes up:
    await cols.projectionQueue.deleteOne({ _id, n: stale!.n, owner: "stale-claim" });
    expect(await cols.projectionQueue.findOne({ _id })).not.toBeNull();
    await drainProjectionQueue();
    expect(await cols.ticketList.findOne({ _id })).toMatchObject({ version: 2 });
  });
});
