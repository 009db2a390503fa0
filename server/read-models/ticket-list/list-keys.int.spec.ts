import { ObjectId } from "mongodb";
import { beforeAll, describe, expect, it } from "vitest";
import { testCollections, type TestCollections } from "@/server/testing/read-collections";
import { projectBacklog } from "@/server/projections/project-backlog";
import { verifyProjections } from "@/server/projections/verify";
import { addNote } from "@/server/tickets/commands/add-note";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { setPriority } from "@/server/tickets/commands/set-priority";
import { changeStatus } from "@/server/tickets/commands/change-status";
import type { TicketListDocument } from "@/server/read-models/ticket-list/document";
import { listKeysOf } from "@/server/read-models/ticket-list/keys";
import type { TicketListItem } from "@/server/read-models/ticket-list/item-schema";
import { listTickets } from "@/server/read-models/ticket-list/list-tickets";
import { listTicketsQuery } from "@/server/read-models/ticket-list/query";
import { as, drainProjectionQueue, create, givenPeople } from "@/server/testing/fixtures";
import { sendReply } from "@/server/tickets/commands/send-reply";

const AGENTS = ["Ada", "Grace", "Линус", "陽子"];
const MINUTE = 60_000;

/** Every page of a query, following nextCursor. */
async function allPages(raw: Record<string, string>) {
  const items: TicketListItem[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listTickets(listTicketsQuery.parse({ ...raw, limit: "7", cursor }));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 100);
  return items.map((i) => i.ticketId);
}

/** What the list must return: the rows that match, newest update first, id as tie-breaker. */
function expected(rows: TicketListDocument[], keep: (row: TicketListDocument) => boolean) {
  return rows
    .filter(keep)
    .sort(
      (a, b) =>
        b.updatedAt.getTime() - a.updatedAt.getTime() ||
        b._id.toHexString().localeCompare(a._id.toHexString()),
    )
    .map((r) => r._id.toHexString());
}

describe("the list's key index", () => {
  let cols: TestCollections;
  let rows: TicketListDocument[];
  let people: Map<string, string>;
  const idOf = (name: string) => people.get(name) ?? null;

  beforeAll(async () => {
    cols = await testCollections();
    people = await givenPeople(AGENTS);
    await Promise.all(
      [cols.tickets, cols.projectionQueue, cols.ticketList, cols.ticketListKeys].map((c) =>
        c.deleteMany({}),
      ),
    );
    // 60 tickets with every kind of change, some at the same millisecond (the id breaks ties).
    const start = Date.UTC(2026, 9, 1);
    for (let i = 0; i < 60; i++) {
      const at = (step: number) => as("Seeder", new Date(start + (i % 50) * MINUTE + step));
      const { ticketId } = await create(
        {
          subject: i % 5 === 0 ? `Refund ${i}` : `Printer ${i}`,
          message: "m",
          customer: { email: `customer-${i % 4}@example.test` },
          tags: i % 3 === 0 ? ["vpn"] : i % 3 === 1 ? ["vpn-2", "billing"] : [],
        },
        at(0),
      );
      if (i % 8 === 0) await sendReply(ticketId, { body: "On it" }, at(6));
      if (i % 3 !== 0) await changeStatus(ticketId, { status: "triaged" }, at(1));
      if (i % 4 === 0) await assignAgent(ticketId, { assignee: AGENTS[i % AGENTS.length]! }, at(2));
      if (i % 7 === 0) await addNote(ticketId, { body: "n" }, at(3));
      if (i % 6 === 0) await setPriority(ticketId, { priority: "urgent" }, at(4));
      if (i % 9 === 0) await changeStatus(ticketId, { status: "closed" }, at(5));
    }
    // Half through the projector one by one, the rest in batches: both must keep the keys.
    await projectBacklog(cols, { batchSize: 13 });
    await drainProjectionQueue();
    rows = await cols.ticketList.find({}).toArray();
    expect(rows).toHaveLength(60);
  });

  it("returns exactly the matching rows, newest first, across pages, for every kind of filter", async () => {
    const cases: [Record<string, string>, (r: TicketListDocument) => boolean][] = [
      [{}, () => true],
      [{ status: "triaged" }, (r) => r.status === "triaged"],
      [{ status: "open,closed" }, (r) => r.status !== "triaged"],
      [
        { status: "triaged", assignee: "Линус" },
        (r) => r.status === "triaged" && r.assigneeId === idOf("Линус"),
      ],
      [{ status: "open", unassigned: "true" }, (r) => r.status === "open" && r.assigneeId === null],
      [{ unassigned: "false" }, (r) => r.assigneeId !== null],
      [{ assignee: "陽子" }, (r) => r.assigneeId === idOf("陽子")],
      [{ assignee: idOf("Ada")! }, (r) => r.assigneeId === idOf("Ada")],
      [{ tag: "vpn" }, (r) => r.tags.includes("vpn")],
      [
        { tag: "vpn-2", status: "triaged" },
        (r) => r.tags.includes("vpn-2") && r.status === "triaged",
      ],
      [
        { customer: "CUSTOMER-1@example.test" },
        (r) => r.customer?.email === "customer-1@example.test",
      ],
      [{ awaitingReply: "true" }, (r) => r.awaitingReply],
      [{ awaitingReply: "false", tag: "vpn" }, (r) => !r.awaitingReply && r.tags.includes("vpn")],
      [{ priority: "urgent", hasNote: "true" }, (r) => r.priority === "urgent" && r.hasNote],
      [{ hasNote: "false" }, (r) => !r.hasNote],
      [{ q: "refund" }, (r) => r.subject.startsWith("Refund")],
      [
        { status: "triaged", q: "printer" },
        (r) => r.status === "triaged" && r.subject.startsWith("Printer"),
      ],
      [{ q: "no such words" }, () => false],
    ];
    for (const [query, keep] of cases) {
      expect({ query, ids: await allPages(query) }).toEqual({ query, ids: expected(rows, keep) });
    }
  });

  it("keeps one live key per facet and row, and verify finds no drift", async () => {
    const keys = await cols.ticketListKeys.find({}).toArray();
    expect(keys.map((k) => k._id).sort()).toEqual(rows.flatMap(listKeysOf).sort());
    const subjects = new Map(rows.map((r) => [r._id.toHexString(), r.subject]));
    expect(keys.filter((k) => k.s !== subjects.get(k._id.split("|")[2]!))).toEqual([]);
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);

    const [lost] = keys;
    await cols.ticketListKeys.deleteOne({ _id: lost!._id });
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([
      {
        readModel: "ticket_list",
        kind: "missing",
        ticketId: lost!._id.split("|")[2],
        detail: `no list key ${lost!._id}`,
      },
    ]);
    await cols.ticketListKeys.insertOne(lost!);
  });

  it("searches subjects on the keys, and still finds rows whose keys carry no subject", async () => {
    const refunds = rows.filter((r) => r.subject.startsWith("Refund"));
    const bare = refunds.slice(0, 3).flatMap(listKeysOf); // as written by an older version
    await cols.ticketListKeys.updateMany({ _id: { $in: bare } }, { $unset: { s: "" } });
    expect(await allPages({ q: "refund" })).toEqual(
      expected(rows, (r) => r.subject.startsWith("Refund")),
    );
    expect(await allPages({ q: "REFUND 1" })).toEqual(
      expected(rows, (r) => r.subject.startsWith("Refund 1")),
    );
    const restored = refunds.slice(0, 3).flatMap((r) => listKeysOf(r));
    for (const r of refunds.slice(0, 3)) {
      await cols.ticketListKeys.updateMany(
        { _id: { $in: listKeysOf(r) } },
        { $set: { s: r.subject } },
      );
    }
    expect(
      await cols.ticketListKeys.countDocuments({ _id: { $in: restored }, s: { $exists: true } }),
    ).toBe(restored.length);
  });

  it("skips and deletes keys a crash left behind, and shows a row whose new keys landed first", async () => {
    const [row] = rows.filter((r) => r.status === "open");
    const id = row!._id.toHexString();
    // Left by a crash between the row write and deleting the old keys: an older version.
    const leftover = listKeysOf({ ...row!, version: row!.version - 1, updatedAt: new Date() });
    // Written by a projection that has not written its row yet: a newer version.
    const ahead = listKeysOf({ ...row!, version: row!.version + 1, updatedAt: new Date() });
    await cols.ticketListKeys.insertMany([...leftover, ...ahead].map((_id) => ({ _id })));

    const ids = await allPages({ status: "open" });
    expect(ids.filter((t) => t === id)).toHaveLength(1);
    expect(ids).toEqual(expected(rows, (r) => r.status === "open"));
    // The reader deletes the leftover it met (the status facet); the others wait for theirs.
    const met = leftover.filter((k) => k.startsWith("s:open|"));
    await expect.poll(() => cols.ticketListKeys.countDocuments({ _id: { $in: met } })).toBe(0);
    await cols.ticketListKeys.deleteMany({ _id: { $in: leftover } });
    expect(await cols.ticketListKeys.countDocuments({ _id: { $in: ahead } })).toBe(ahead.length);
    await cols.ticketListKeys.deleteMany({ _id: { $in: ahead } });
  });

  it("moves a changed ticket to the top of its new filters and out of its old ones", async () => {
    const [row] = rows.filter((r) => r.status === "triaged" && r.assigneeId === null);
    const id = row!._id.toHexString();
    await assignAgent(id, { assignee: "Grace" }, as("Agent", new Date(Date.UTC(2026, 10, 1))));
    await drainProjectionQueue();
    const first = async (query: Record<string, string>) =>
      (await listTickets(listTicketsQuery.parse(query))).items.map((i) => i.ticketId);
    expect((await first({ status: "triaged", assignee: "Grace" }))[0]).toBe(id);
    expect((await first({}))[0]).toBe(id);
    expect(await first({ status: "triaged", unassigned: "true" })).not.toContain(id);
    const live = listKeysOf((await cols.ticketList.findOne({ _id: new ObjectId(id) }))!);
    expect(
      (await cols.ticketListKeys.find({ _id: { $regex: id } }).toArray()).map((k) => k._id).sort(),
    ).toEqual(live.sort());
  });
});
