import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import { getCollections } from "@/server/db/client";
import { projectDashboard, syncBucket } from "@/server/projections/project-dashboard";
import { addNote } from "@/server/tickets/commands/add-note";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { setPriority } from "@/server/tickets/commands/set-priority";
import { bucketOf, SUMMARY_ID } from "@/server/tickets/queries/dashboard/documents";
import { getDashboard } from "@/server/tickets/queries/dashboard/get-dashboard";
import { nonZero, recountDashboard } from "@/server/tickets/queries/dashboard/recount";
import { as, catchUp, create } from "@/server/testing/fixtures";

const HOUR = 3_600_000;

async function summaryCounts() {
  const cols = await getCollections();
  return nonZero((await cols.dashboardSummary.findOne({ _id: SUMMARY_ID }))?.counts ?? {});
}

describe("dashboard read model", () => {
  it("counts by status, priority, assignee, notes and per day, equal to a recount from the write model", async () => {
    const t0 = Date.now() - 5 * HOUR;
    const a = (
      await create({ subject: "A", message: "a", priority: "high" }, as("x", new Date(t0)))
    ).ticketId;
    const b = (await create({ subject: "B", message: "b" }, as("x", new Date(t0 + HOUR)))).ticketId;
    const c = (
      await create({ subject: "C", message: "c", priority: "urgent" }, as("x", new Date(t0 + HOUR)))
    ).ticketId;
    await changeStatus(a, { status: "triaged" }, as("x", new Date(t0 + 2 * HOUR)));
    await assignAgent(a, { assignee: "Ada Lovelace" }, as("x", new Date(t0 + 2 * HOUR)));
    await assignAgent(b, { assignee: 'J. R. "Bob" $mith' }, as("x", new Date(t0 + 2 * HOUR)));
    await addNote(b, { body: "note" }, as("x", new Date(t0 + 3 * HOUR)));
    await changeStatus(c, { status: "closed" }, as("x", new Date(t0 + 4 * HOUR)));
    await setPriority(b, { priority: "low" }, as("x", new Date(t0 + 4 * HOUR)));
    await catchUp();

    const cols = await getCollections();
    expect(await summaryCounts()).toEqual(nonZero(await recountDashboard(cols)));

    const dashboard = await getDashboard();
    expect(dashboard.total).toBeGreaterThanOrEqual(3);
    const mine = await recountDashboard(cols);
    expect(dashboard.byStatus.closed).toBe(mine["s:closed"] ?? 0);
    expect(dashboard.byAssignee["Ada Lovelace"]).toBe(1);
    expect(dashboard.byAssignee['J. R. "Bob" $mith']).toBe(1);
    expect(dashboard.timeToClose.count).toBeGreaterThanOrEqual(1);
    expect(dashboard.timeToClose.p50Ms).toBeGreaterThan(2.6 * HOUR); // C lived 3 h; bins are ±12%
    expect(dashboard.timeToClose.p50Ms).toBeLessThan(3.4 * HOUR);
    expect(dashboard.perDay).toHaveLength(30);
    expect(dashboard.asOf).not.toBeNull();
  });

  it("counts nothing twice when a version is projected again or an older one arrives late", async () => {
    const { ticketId } = await create({ subject: "Dup", message: "d" });
    const _id = new ObjectId(ticketId);
    const cols = await getCollections();
    const v1 = (await cols.tickets.findOne({ _id }))!;
    await changeStatus(ticketId, { status: "closed" }, as());
    await catchUp();
    const before = await summaryCounts();
    const v2 = (await cols.tickets.findOne({ _id }))!;
    await projectDashboard(cols, v2, new Date());
    await projectDashboard(cols, v1, new Date());
    await Promise.all([
      projectDashboard(cols, v2, new Date()),
      projectDashboard(cols, v1, new Date()),
    ]);
    expect(await summaryCounts()).toEqual(before);
    expect(before).toEqual(nonZero(await recountDashboard(cols)));
  });

  it("finishes a sync that was interrupted after recording its pending delta, applying it once", async () => {
    const { ticketId } = await create({ subject: "Crash", message: "c" });
    await catchUp();
    const cols = await getCollections();
    const b = bucketOf(new ObjectId(ticketId));
    const sync = (await cols.dashboardSyncs.findOne({ _id: b }))!;
    // Simulate a crash right after the pending record was written: a bucket change is recorded
    // as pending but not yet applied to the summary.
    await cols.dashboardBuckets.updateOne({ _id: b }, { $inc: { rev: 1, "counts.total": 1 } });
    await cols.dashboardSyncs.updateOne(
      { _id: b },
      {
        $set: {
          pending: {
            from: sync.rev,
            to: sync.rev + 1,
            counts: { ...sync.counts, total: (sync.counts.total ?? 0) + 1 },
            delta: { total: 1 },
          },
        },
      },
    );
    const before = (await summaryCounts()).total ?? 0;
    await Promise.all([syncBucket(cols, b, new Date()), syncBucket(cols, b, new Date())]);
    await syncBucket(cols, b, new Date());
    expect((await summaryCounts()).total).toBe(before + 1);
    expect((await cols.dashboardSyncs.findOne({ _id: b }))?.pending).toBeNull();
  });
});
