import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import { getCollections } from "@/server/db/client";
import { verifyProjections } from "@/server/projections/verify";
import { addNote } from "@/server/tickets/commands/add-note";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { SUMMARY_ID } from "@/server/tickets/queries/dashboard/documents";
import { as, catchUp, create } from "@/server/testing/fixtures";

describe("projections:verify", () => {
  it("finds no drift in caught-up read models, then names every kind of corruption", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await create({ subject: `Verify ${i}`, message: "m" })).ticketId);
    await changeStatus(ids[0]!, { status: "triaged" }, as());
    await addNote(ids[1]!, { body: "n" }, as());
    await catchUp();
    const cols = await getCollections();
    const clean = await verifyProjections(cols, { waitForQueueMs: 0 });
    expect(clean.drift).toEqual([]);
    expect(clean.tickets).toBe(5);

    const [a, b, c] = ids.map((id) => new ObjectId(id));
    const extra = new ObjectId();
    await cols.ticketList.deleteOne({ _id: a });
    await cols.ticketDetail.updateOne({ _id: b }, { $set: { version: 1 } }); // b is at version 2
    await cols.ticketList.updateOne({ _id: c }, { $set: { subject: "Tampered" } });
    await cols.ticketList.insertOne({
      ...(await cols.ticketList.findOne({ _id: c }))!,
      _id: extra,
    });
    await cols.dashboardSummary.updateOne({ _id: SUMMARY_ID }, { $inc: { "counts.total": 1 } });

    const report = await verifyProjections(cols, { waitForQueueMs: 0 });
    const found = report.drift.map((d) => [d.readModel, d.kind, d.ticketId ?? d.detail]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["ticket_list", "missing", a!.toHexString()],
        ["ticket_detail", "stale", b!.toHexString()],
        ["ticket_list", "wrong", c!.toHexString()],
        ["ticket_list", "extra", extra.toHexString()],
        ["dashboard", "count", "total: expected 5, found 6"],
      ]),
    );
    expect(report.drift).toHaveLength(5);
  });
});
