import { z } from "zod";
import { countsText } from "@/server/read-models/dashboard/json-text";
import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import { testCollections } from "@/server/testing/read-collections";
import {
  aggregateDashboard,
  inboxItem,
  recordContributions,
} from "@/server/read-models/dashboard/aggregate";
import { addNote } from "@/server/tickets/commands/add-note";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { setPriority } from "@/server/tickets/commands/set-priority";
import { SUMMARY_ID, splitKeys } from "@/server/read-models/dashboard/documents";
import type { TicketDocument } from "@/server/tickets/write-model";
import { setUserActive } from "@/server/auth/users";
import { getDashboard } from "@/server/read-models/dashboard/get-dashboard";
import { nonZero, recountDashboard } from "@/server/read-models/dashboard/recount";
import { as, drainProjectionQueue, create, givenPerson } from "@/server/testing/fixtures";

const HOUR = 3_600_000;

async function summaryCounts() {
  const cols = await testCollections();
  const summary = await cols.dashboardSummary.findOne({ _id: SUMMARY_ID });
  return nonZero(summary ? z.decode(countsText, summary.counts) : {});
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
    const ada = await givenPerson("Ada Lovelace");
    await assignAgent(a, { assignee: "Ada Lovelace" }, as("x", new Date(t0 + 2 * HOUR)));
    await givenPerson('J. R. "Bob" $mith');
    await assignAgent(b, { assignee: 'J. R. "Bob" $mith' }, as("x", new Date(t0 + 2 * HOUR)));
    await addNote(b, { body: "note" }, as("x", new Date(t0 + 3 * HOUR)));
    await changeStatus(c, { status: "closed" }, as("x", new Date(t0 + 4 * HOUR)));
    await setPriority(b, { priority: "low" }, as("x", new Date(t0 + 4 * HOUR)));
    await drainProjectionQueue();

    const cols = await testCollections();
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
    expect(dashboard.assignees).toContainEqual({ personId: ada, name: "Ada Lovelace", count: 1 });

    // When Ada is deactivated, the dashboard says so at once, with nothing projected again.
    await setUserActive(ada, false);
    const after = await getDashboard();
    expect(after.byAssignee["Ada Lovelace (deactivated)"]).toBe(1);
    expect(after.byAssignee["Ada Lovelace"]).toBeUndefined();
  });

  it("counts nothing twice when a version is projected again or an older one arrives late", async () => {
    const { ticketId } = await create({ subject: "Dup", message: "d" });
    const _id = new ObjectId(ticketId);
    const cols = await testCollections();
    const v1 = (await cols.tickets.findOne({ _id }))!;
    await changeStatus(ticketId, { status: "closed" }, as());
    await drainProjectionQueue();
    const before = await summaryCounts();
    const v2 = (await cols.tickets.findOne({ _id }))!;
    const record = async (ticket: TicketDocument) => {
      await recordContributions(cols, [ticket]);
      await aggregateDashboard(cols);
    };
    await record(v2);
    await record(v1);
    await Promise.all([record(v2), record(v1), record(v2)]);
    expect(await summaryCounts()).toEqual(before);
    expect(before).toEqual(nonZero(await recountDashboard(cols)));
  });

  it("takes versions in exactly once whatever the batches, their order and the concurrency", async () => {
    const cols = await testCollections();
    await drainProjectionQueue();
    const versions: TicketDocument[] = [];
    const snapshot = async (id: string) =>
      versions.push((await cols.tickets.findOne({ _id: new ObjectId(id) }))!);
    for (let i = 0; i < 8; i++) {
      const { ticketId } = await create({ subject: `Batch ${i}`, message: "m" });
      await snapshot(ticketId);
      await changeStatus(ticketId, { status: "triaged" }, as());
      await snapshot(ticketId);
      if (i % 2 === 0) await addNote(ticketId, { body: "n" }, as()); // same keys after the first
      await addNote(ticketId, { body: "n" }, as());
      await snapshot(ticketId);
      if (i % 3 === 0) {
        await changeStatus(ticketId, { status: "closed" }, as());
        await snapshot(ticketId);
      }
    }
    await cols.projectionQueue.deleteMany({}); // the projector stays out of this one
    // Newest versions first, so small batches split a ticket's versions the wrong way round.
    for (const ticket of [...versions].reverse()) await recordContributions(cols, [ticket]);
    await Promise.all([1, 2, 3].map(() => aggregateDashboard(cols, { batchSize: 3 })));
    expect(await summaryCounts()).toEqual(nonZero(await recountDashboard(cols)));
    expect(await cols.dashboardInbox.countDocuments({})).toBe(0);
    const summary = (await cols.dashboardSummary.findOne({ _id: SUMMARY_ID }))!;
    expect(summary.pending).toBeNull();
    expect((await getDashboard()).total).toBe((await summaryCounts()).total);
  });

  it("finishes an aggregation interrupted after its compare-and-set, applying it once", async () => {
    const { ticketId } = await create({ subject: "Crash", message: "c" });
    await drainProjectionQueue();
    const cols = await testCollections();
    await changeStatus(ticketId, { status: "closed" }, as());
    const ticket = (await cols.tickets.findOne({ _id: new ObjectId(ticketId) }))!;
    const entry = (await cols.dashboardEntries.findOne({ _id: ticket._id }))!;
    // The state a crash right after the compare-and-set leaves: the counters include version 2,
    // but its entry has not moved and its inbox document is still there.
    const item = inboxItem(ticket);
    await recordContributions(cols, [ticket]);
    const summary = (await cols.dashboardSummary.findOne({ _id: SUMMARY_ID }))!;
    const counts = z.decode(countsText, summary.counts);
    for (const key of splitKeys(entry.k)) counts[key] = (counts[key] ?? 0) - 1;
    for (const key of splitKeys(item.k)) counts[key] = (counts[key] ?? 0) + 1;
    await cols.dashboardSummary.updateOne(
      { _id: SUMMARY_ID },
      {
        $set: {
          seq: summary.seq + 1,
          counts: z.encode(countsText, counts),
          pending: JSON.stringify({
            inbox: [item._id],
            entries: [[ticketId, ticket.version, item.k]],
            counted: true,
          }),
        },
      },
    );
    await Promise.all([aggregateDashboard(cols), aggregateDashboard(cols)]);
    await aggregateDashboard(cols);
    expect(await summaryCounts()).toEqual(nonZero(await recountDashboard(cols)));
    expect((await cols.dashboardEntries.findOne({ _id: ticket._id }))?.version).toBe(2);
    expect(await cols.dashboardInbox.countDocuments({})).toBe(0);
    expect((await cols.dashboardSummary.findOne({ _id: SUMMARY_ID }))?.pending).toBeNull();
    expect((await getDashboard()).byStatus.closed).toBe(counts["s:closed"]);
  });
});
