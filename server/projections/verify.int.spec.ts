import { z } from "zod";
import { countsText } from "@/server/read-models/dashboard/json-text";
import { ObjectId } from "mongodb";
import { beforeEach, describe, expect, it } from "vitest";
import {
  emptyDesk,
  testCollections,
  type TestCollections,
} from "@/server/testing/read-collections";
import { projectBacklog } from "@/server/projections/project-backlog";
import { verifyProjections } from "@/server/projections/verify";
import type { Drift } from "@/server/read-models/read-model";
import { addNote } from "@/server/tickets/commands/add-note";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { refreshDashboardView } from "@/server/read-models/dashboard/aggregate";
import { SUMMARY_ID } from "@/server/read-models/dashboard/documents";
import { as, drainProjectionQueue, create, givenPerson } from "@/server/testing/fixtures";

/** What a test compares: the fields that say what and where, not the wording of the detail. */
const brief = (drift: Drift[]) =>
  drift.map((d) => [d.readModel, d.kind, d.ticketId ?? d.detail]).sort();

async function createTickets(count: number) {
  const ids: ObjectId[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(new ObjectId((await create({ subject: `Verify ${i}`, message: "m" })).ticketId));
  }
  return ids;
}

describe("projections:verify", () => {
  let cols: TestCollections;
  beforeEach(async () => {
    cols = await testCollections();
    // The file shares one database: each test starts from an empty desk.
    await emptyDesk(cols);
  });

  it("finds no drift in caught-up read models, then names every kind of corruption", async () => {
    const ids = await createTickets(5);
    await changeStatus(ids[0]!.toHexString(), { status: "triaged" }, as());
    await addNote(ids[1]!.toHexString(), { body: "n" }, as());
    await givenPerson("Ada");
    await assignAgent(ids[3]!.toHexString(), { assignee: "Ada" }, as());
    await drainProjectionQueue();
    const progress: [number, number][] = [];
    const clean = await verifyProjections(cols, {
      waitForQueueMs: 0,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(clean).toEqual({ tickets: 5, pending: 0, drift: [] });
    expect(progress.at(-1)).toEqual([5, 5]);

    const [a, b, c, d] = ids.map((id) => id.toHexString());
    const extra = new ObjectId();
    await cols.ticketList.deleteOne({ _id: ids[0] });
    await cols.ticketDetail.updateOne({ _id: ids[1] }, { $set: { version: 1 } }); // b is at 2
    await cols.ticketList.updateOne({ _id: ids[2] }, { $set: { subject: "Tampered" } });
    await cols.ticketDetail.updateOne({ _id: ids[3] }, { $inc: { version: 1 } }); // ahead
    await cols.ticketList.insertOne({
      ...(await cols.ticketList.findOne({ _id: ids[4] }))!,
      _id: extra,
    });
    // A counter that is off by one, shown as such by the view.
    const summary = (await cols.dashboardSummary.findOne({ _id: SUMMARY_ID }))!;
    const counts = z.decode(countsText, summary.counts);
    await cols.dashboardSummary.updateOne(
      { _id: SUMMARY_ID },
      {
        $set: {
          seq: summary.seq + 1,
          counts: z.encode(countsText, { ...counts, total: counts.total! + 1 }),
        },
      },
    );
    await refreshDashboardView(cols);

    const report = await verifyProjections(cols, { waitForQueueMs: 0 });
    expect(report.tickets).toBe(5);
    expect(report.pending).toBe(0);
    expect(brief(report.drift)).toEqual(
      [
        ["ticket_list", "missing", a],
        ["ticket_detail", "stale", b],
        ["ticket_list", "wrong", c],
        ["ticket_detail", "wrong", d],
        ["ticket_list", "extra", extra.toHexString()],
        ["dashboard", "count", "total: expected 5, found 6"],
      ].sort(),
    );
    expect(report.drift).toContainEqual({
      readModel: "ticket_detail",
      kind: "stale",
      ticketId: b,
      detail: "at version 1; the write model is at version 2",
    });
  });

  it("the batched catch-up projects a backlog exactly like the projector", async () => {
    const ids = await createTickets(7);
    await changeStatus(ids[0]!.toHexString(), { status: "closed" }, as());
    await addNote(ids[1]!.toHexString(), { body: "n" }, as());
    await givenPerson("Ada");
    await assignAgent(ids[2]!.toHexString(), { assignee: "Ada" }, as());
    const progress: [number, number][] = [];
    const projected = await projectBacklog(cols, {
      batchSize: 3,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(projected).toBe(7);
    expect(progress).toEqual([
      [3, 7],
      [6, 7],
      [7, 7],
    ]);
    expect(await cols.tickets.countDocuments({ dirtySince: { $ne: null } })).toBe(0);
    expect(await verifyProjections(cols, { waitForQueueMs: 0 })).toEqual({
      tickets: 7,
      pending: 0,
      drift: [],
    });
    // Nothing left to do: a second pass projects nothing; the queue entries drain as no-ops.
    expect(await projectBacklog(cols)).toBe(0);
    await drainProjectionQueue();
    expect(await cols.projectionQueue.countDocuments({})).toBe(0);
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });

  it("projectedAt alone is not drift", async () => {
    const [id] = await createTickets(1);
    await drainProjectionQueue();
    await cols.ticketList.updateOne({ _id: id }, { $set: { projectedAt: new Date(0) } });
    await cols.ticketDetail.updateOne({ _id: id }, { $set: { projectedAt: new Date() } });
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });

  it("reports tickets not projected yet as pending, and their read documents as drift", async () => {
    const [projected] = await createTickets(1);
    await drainProjectionQueue();
    const { ticketId } = await create({ subject: "Not yet", message: "m" });
    await changeStatus(projected!.toHexString(), { status: "closed" }, as());

    const report = await verifyProjections(cols, { waitForQueueMs: 0 });
    expect(report.pending).toBe(2);
    const tickets = report.drift.filter((d) => d.readModel !== "dashboard");
    expect(brief(tickets)).toEqual(
      [
        ["ticket_list", "missing", ticketId],
        ["ticket_detail", "missing", ticketId],
        ["ticket_conversation", "missing", ticketId],
        ["ticket_search", "missing", ticketId],
        ["event feed", "missing", ticketId],
        ["sla_clocks", "missing", ticketId],
        ["ticket_list", "stale", projected!.toHexString()],
        ["ticket_detail", "stale", projected!.toHexString()],
        ["ticket_conversation", "stale", projected!.toHexString()],
        ["ticket_search", "stale", projected!.toHexString()],
        ["event feed", "stale", projected!.toHexString()],
        ["sla_clocks", "stale", projected!.toHexString()],
      ].sort(),
    );
    expect(report.drift).toContainEqual({
      readModel: "dashboard",
      kind: "count",
      detail: "total: expected 2, found 1",
    });

    await drainProjectionQueue();
    expect(await verifyProjections(cols, { waitForQueueMs: 0 })).toMatchObject({
      pending: 0,
      drift: [],
    });
  });

  it("waits for the queue to drain before comparing", async () => {
    await createTickets(3);
    const started = Date.now();
    const verifying = verifyProjections(cols, { waitForQueueMs: 10_000 });
    // The projector gets to the queue only after verify has started waiting.
    await new Promise((r) => setTimeout(r, 500));
    await drainProjectionQueue();
    const report = await verifying;
    expect(report).toEqual({ tickets: 3, pending: 0, drift: [] });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("does not wait for parked dead letters, which stay pending", async () => {
    const [id] = await createTickets(1);
    await cols.projectionQueue.updateOne({ _id: id }, { $set: { dead: true } });
    const started = Date.now();
    const report = await verifyProjections(cols, { waitForQueueMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(report.pending).toBe(1);
    expect(brief(report.drift.filter((d) => d.kind === "missing"))).toEqual([
      ["event feed", "missing", id!.toHexString()],
      ["sla_clocks", "missing", id!.toHexString()],
      ["ticket_conversation", "missing", id!.toHexString()],
      ["ticket_detail", "missing", id!.toHexString()],
      ["ticket_list", "missing", id!.toHexString()],
      ["ticket_search", "missing", id!.toHexString()],
    ]);
  });

  it("reports an unfinished aggregation, contributions left in the inbox and a stale view", async () => {
    const [id] = await createTickets(1);
    await drainProjectionQueue();
    const { seq } = (await cols.dashboardSummary.findOne({ _id: SUMMARY_ID }))!;
    await cols.dashboardSummary.updateOne(
      { _id: SUMMARY_ID },
      { $set: { pending: JSON.stringify({ inbox: [], entries: [], counted: false }) } },
    );
    await cols.dashboardInbox.insertOne({ _id: "left", ticketId: id!, version: 9, k: "total" });
    await cols.dashboardViews.updateOne({}, { $set: { dashboard: "{}" } });
    const report = await verifyProjections(cols, { waitForQueueMs: 0 });
    expect(brief(report.drift)).toEqual(
      [
        ["dashboard", "stale", "1 recorded contributions were not taken into the counters"],
        ["dashboard", "wrong", `the follow-up of change ${seq} (entries, inbox) was not finished`],
        [
          "dashboard",
          "stale",
          `the view (change ${seq}) does not show the counters (change ${seq})`,
        ],
      ].sort(),
    );
  });
});
