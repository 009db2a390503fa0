import { ObjectId } from "mongodb";
import { beforeEach, describe, expect, it } from "vitest";
import * as events from "@/app/api/events/route";
import { SEQUENCE_ID, feedCollections, inboxId, positionId } from "@/server/events/collections";
import type { PositionedEvent } from "@/server/events/event";
import { readFeed } from "@/server/events/read";
import { pruneEvents } from "@/server/events/retention";
import { readSequence, sequenceEvents } from "@/server/events/sequence";
import { stageEvents } from "@/server/events/stage";
import { verifyProjections } from "@/server/projections/verify";
import { as, create, drainProjectionQueue, givenPeople } from "@/server/testing/fixtures";
import { send } from "@/server/testing/http";
import {
  emptyDesk,
  testCollections,
  type TestCollections,
} from "@/server/testing/read-collections";
import { addNote } from "@/server/tickets/commands/add-note";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { changeTags } from "@/server/tickets/commands/change-tags";
import { receiveMessage } from "@/server/tickets/commands/receive-message";
import { sendReply } from "@/server/tickets/commands/send-reply";
import { setPriority } from "@/server/tickets/commands/set-priority";
import { HISTORY_LIMIT, type TicketDocument } from "@/server/tickets/write-model";

interface Page {
  items: PositionedEvent[];
  nextCursor: string;
}
const get = async (query = "") => send(events.GET, `/api/events${query}`, { as: "read" });
const page = async (query = "") => (await get(query)).body as Page;

/** Every event from the start, as a consumer pages through them. */
async function readAll(limit = 7): Promise<PositionedEvent[]> {
  const all: PositionedEvent[] = [];
  let cursor = "0";
  for (let i = 0; i < 1_000; i++) {
    const p = await page(`?after=${cursor}&limit=${limit}`);
    all.push(...p.items);
    if (p.items.length === 0) return all;
    cursor = p.nextCursor;
  }
  throw new Error("the feed did not end");
}

describe("the event feed", () => {
  let cols: TestCollections;
  beforeEach(async () => {
    cols = await testCollections();
    await emptyDesk(cols);
  });
  const ticket = async (id: string) =>
    (await cols.tickets.findOne({ _id: new ObjectId(id) })) as TicketDocument;

  it("given a ticket's whole life, lists each change once, in order, typed, with what a consumer needs", async () => {
    const people = await givenPeople(["Aisha Khan"]);
    const t = await create(
      {
        subject: "VPN drops",
        message: "Every hour.",
        customer: { email: "Sam@Example.test", name: "Sam" },
        tags: ["vpn"],
      },
      as("Gateway"),
    );
    await assignAgent(t.ticketId, { assigneeId: people.get("Aisha Khan")! }, as("Lead"));
    await setPriority(t.ticketId, { priority: "high" }, as("Lead"));
    await sendReply(t.ticketId, { body: "Which client version?" }, as("Aisha Khan"));
    await receiveMessage(t.ticketId, { body: "Version 5.1.", customer: null }, as("Gateway"));
    await addNote(t.ticketId, { body: "Known bug in 5.1." }, as("Aisha Khan"));
    await changeTags(t.ticketId, { add: ["bug"], remove: [] }, as("Aisha Khan"));
    await changeStatus(t.ticketId, { status: "closed" }, as("Aisha Khan"));
    await receiveMessage(t.ticketId, { body: "It is back!", customer: null }, as("Gateway"));
    await drainProjectionQueue();

    const all = await readAll(3);
    const own = all.filter((e) => e.ticketId === t.ticketId);
    expect(own.map((e) => e.type)).toEqual([
      "ticket.created",
      "ticket.assigned",
      "ticket.priority_changed",
      "ticket.reply_sent",
      "ticket.message_received",
      "ticket.note_added",
      "ticket.tagged",
      "ticket.status_changed",
      "ticket.follow_up_created",
    ]);
    expect(own.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(own.map((e) => e.id)).toEqual(own.map((e) => `${t.ticketId}:${e.version}`));
    expect(own[0]!.data).toMatchObject({
      subject: "VPN drops",
      message: "Every hour.",
      customer: { email: "sam@example.test", name: "Sam" },
      tags: ["vpn"],
    });
    expect(own[1]!.data).toMatchObject({
      to: { personId: people.get("Aisha Khan"), name: "Aisha Khan" },
    });
    expect(own[3]!.data).toMatchObject({
      body: "Which client version?",
      customer: { email: "sam@example.test" },
    });
    expect(own[3]!.actor).toEqual({ name: "Aisha Khan" });
    expect(own[4]!.data).toMatchObject({ body: "Version 5.1." });
    expect(own[5]!.data).toMatchObject({ body: "Known bug in 5.1.", internal: true });
    expect(own[6]!.data).toMatchObject({ added: ["bug"], removed: [] });
    expect(own[7]!.data).toEqual({ from: "open", to: "closed" });
    // The message to the closed ticket opened a follow-up, which has its own events.
    const followUpId = (own[8]!.data as { followUpId: string }).followUpId;
    const followUp = all.filter((e) => e.ticketId === followUpId);
    expect(followUp.map((e) => e.type)).toEqual(["ticket.created"]);
    expect(followUp[0]!.data).toMatchObject({ followUpOf: t.ticketId, message: "It is back!" });

    // Positions: 1, 2, 3, … with no hole, each event once.
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });

  it("filters by type and by ticket, and always gives a cursor to resume from, also at the end", async () => {
    const a = await create({ subject: "A", message: "a" });
    const b = await create({ subject: "B", message: "b" });
    await sendReply(a.ticketId, { body: "Reply to A" }, as());
    await sendReply(b.ticketId, { body: "Reply to B" }, as());
    await addNote(a.ticketId, { body: "Note on A" }, as());
    await drainProjectionQueue();

    const replies = await page("?types=ticket.reply_sent");
    expect(replies.items.map((e) => [e.ticketId, e.type])).toEqual([
      [a.ticketId, "ticket.reply_sent"],
      [b.ticketId, "ticket.reply_sent"],
    ]);
    const ofA = await page(`?ticketId=${a.ticketId}`);
    expect(ofA.items.map((e) => e.type)).toEqual([
      "ticket.created",
      "ticket.reply_sent",
      "ticket.note_added",
    ]);
    const both = await page(
      `?ticketId=${a.ticketId}&types=ticket.note_added,ticket.created&limit=1`,
    );
    expect(both.items.map((e) => e.type)).toEqual(["ticket.created"]);
    const rest = await page(
      `?ticketId=${a.ticketId}&types=ticket.note_added,ticket.created&after=${both.nextCursor}`,
    );
    expect(rest.items.map((e) => e.type)).toEqual(["ticket.note_added"]);

    // At the end: no items, and a cursor that resumes exactly there.
    const end = await page(`?after=${ofA.nextCursor}`);
    expect(end.items).toEqual([]);
    expect(end.nextCursor).toBe("5");
    await addNote(b.ticketId, { body: "Later" }, as());
    await drainProjectionQueue();
    const later = await page(`?after=${end.nextCursor}`);
    expect(later.items.map((e) => [e.position, e.type])).toEqual([[6, "ticket.note_added"]]);
  });

  it("long-polls: with wait, an answer at the end comes as soon as there is an event", async () => {
    const t = await create({ subject: "Waiting", message: "x" });
    await drainProjectionQueue();
    const { nextCursor } = await page();
    const waiting = get(`?after=${nextCursor}&wait=20`);
    await addNote(t.ticketId, { body: "Here it is" }, as());
    await drainProjectionQueue();
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect((answer.body as Page).items.map((e) => e.type)).toEqual(["ticket.note_added"]);
  });

  it("refuses bad queries with a problem naming the field", async () => {
    for (const [query, field] of [
      ["?after=abc", "after"],
      ["?after=-1", "after"],
      ["?limit=0", "limit"],
      ["?limit=501", "limit"],
      ["?types=ticket.exploded", "types"],
      ["?ticketId=nope", "ticketId"],
      ["?wait=31", "wait"],
      ["?colour=red", ""],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.contentType, query).toContain("application/problem+json");
      expect(JSON.stringify(res.body), query).toContain(field);
    }
    expect((await send(events.GET, "/api/events", { as: "anonymous" })).status).toBe(401);
  });

  it("with old events pruned, a cursor before the start is 410 Gone and says where the feed starts", async () => {
    const t = await create({ subject: "Old", message: "x" });
    await addNote(t.ticketId, { body: "old note" }, as());
    await drainProjectionQueue();
    // Everything so far is older than the cutoff.
    expect(await pruneEvents(cols.db, new Date(Date.now() + 60_000))).toBe(2);
    await addNote(t.ticketId, { body: "new note" }, as());
    await drainProjectionQueue();

    const gone = await get("?after=0");
    expect(gone.status).toBe(410);
    expect(gone.contentType).toContain("application/problem+json");
    expect(gone.body).toMatchObject({ status: 410, start: 3, startCursor: "2" });
    const resumed = await page("?after=2");
    expect(resumed.items.map((e) => [e.position, e.data.body])).toEqual([[3, "new note"]]);
  });

  it("numbers each event exactly once, without a hole, with several sequencers at once", async () => {
    const tickets = await Promise.all(
      Array.from({ length: 30 }, (_, i) => create({ subject: `T${i}`, message: "x" })),
    );
    for (const t of tickets) await addNote(t.ticketId, { body: "n" }, as());
    const docs = await cols.tickets.find({}).toArray();
    await stageEvents(cols.db, docs);
    await Promise.all([1, 2, 3, 4].map(() => sequenceEvents(cols.db)));

    const all = await readAll(50);
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(all.map((e) => e.id)).size).toBe(60);
    for (const t of tickets)
      expect(all.filter((e) => e.ticketId === t.ticketId).map((e) => e.version)).toEqual([1, 2]);
  });

  it("given a crash after the compare-and-set, readers see none of the batch until any sequencer finishes it", async () => {
    const t = await create({ subject: "Crash", message: "x" });
    await drainProjectionQueue();
    await addNote(t.ticketId, { body: "one" }, as());
    await addNote(t.ticketId, { body: "two" }, as());
    await stageEvents(cols.db, [await ticket(t.ticketId)]);
    // The state a sequencer leaves when it dies right after its compare-and-set, having written
    // the second event of its batch only: positions 2 and 3 given, 3 written, the mark at 1.
    const f = feedCollections(cols.db);
    const items: [string, number][] = [
      [inboxId(t.ticketId, 2), 2],
      [inboxId(t.ticketId, 3), 3],
    ];
    await f.sequence.updateOne(
      { _id: SEQUENCE_ID },
      {
        $set: { seq: 3, pending: JSON.stringify({ items, tickets: [[t.ticketId, 3]], stale: [] }) },
      },
    );
    const third = await f.inbox.findOne({ _id: inboxId(t.ticketId, 3) });
    await f.events.insertOne({
      _id: positionId(3),
      position: 3,
      ticketId: t.ticketId,
      version: 3,
      type: "ticket.note_added",
      at: third!.at,
      json: JSON.stringify({ position: 3, ...JSON.parse(third!.json) }),
    });

    // A reader sees position 1 only: never 3 while 2 can still appear.
    expect((await readFeed(cols.db, { after: 0, limit: 10 })).items.map((e) => e.position)).toEqual(
      [1],
    );
    expect((await readSequence(cols.db)).visible).toBe(1);

    // The next sequencer finishes the batch first, then there is nothing left.
    await sequenceEvents(cols.db);
    const all = await readAll();
    expect(all.map((e) => [e.position, e.version, e.data.body ?? null])).toEqual([
      [1, 1, null],
      [2, 2, "one"],
      [3, 3, "two"],
    ]);
    expect(await f.inbox.countDocuments({})).toBe(0);
    await drainProjectionQueue();
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });

  it("given a version staged before its predecessor, waits for it and keeps the ticket's order", async () => {
    const t = await create({ subject: "Order", message: "x" });
    await addNote(t.ticketId, { body: "two" }, as());
    await addNote(t.ticketId, { body: "three" }, as());
    await stageEvents(cols.db, [await ticket(t.ticketId)]);
    // A staging interrupted half way: version 2 never reached the inbox.
    await feedCollections(cols.db).inbox.deleteOne({ _id: inboxId(t.ticketId, 2) });
    await sequenceEvents(cols.db);
    expect((await readAll()).map((e) => e.version)).toEqual([1]);

    // The ticket is still marked, so its projection comes back and stages the rest.
    await drainProjectionQueue();
    expect((await readAll()).map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it("keeps history entries the feed has not taken past the history's limit, and trims them once projected", async () => {
    const t = await create({ subject: "Busy", message: "x" });
    await drainProjectionQueue();
    // A ticket at its history limit whose projector is far behind (as after a long outage).
    const doc = await ticket(t.ticketId);
    const base = doc.history[0]!;
    const history = Array.from({ length: HISTORY_LIMIT }, (_, i) => ({ ...base, version: i + 1 }));
    await cols.tickets.updateOne(
      { _id: doc._id },
      { $set: { history, version: HISTORY_LIMIT, projectedVersion: 0 } },
    );
    await addNote(t.ticketId, { body: "one more" }, as());
    expect((await ticket(t.ticketId)).history).toHaveLength(HISTORY_LIMIT + 1);

    await cols.tickets.updateOne(
      { _id: doc._id },
      { $set: { projectedVersion: HISTORY_LIMIT + 1 } },
    );
    await addNote(t.ticketId, { body: "and another" }, as());
    const trimmed = (await ticket(t.ticketId)).history;
    expect(trimmed).toHaveLength(HISTORY_LIMIT);
    expect(trimmed.at(-1)!.version).toBe(HISTORY_LIMIT + 2);
  });

  it("verify names a hole in the feed", async () => {
    const t = await create({ subject: "Hole", message: "x" });
    await addNote(t.ticketId, { body: "n" }, as());
    await addNote(t.ticketId, { body: "m" }, as());
    await drainProjectionQueue();
    await feedCollections(cols.db).events.deleteOne({ _id: positionId(2) });
    const { drift } = await verifyProjections(cols, { waitForQueueMs: 0 });
    expect(drift).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          readModel: "event feed",
          kind: "missing",
          detail: "positions 2–2 are missing",
        }),
      ]),
    );
  });
});
