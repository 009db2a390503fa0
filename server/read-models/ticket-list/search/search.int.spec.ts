import { ObjectId } from "mongodb";
import { beforeAll, describe, expect, it } from "vitest";
import { getCollections } from "@/server/db/client";
import { verifyProjections } from "@/server/projections/verify";
import { listTickets } from "@/server/read-models/ticket-list/list-tickets";
import { listTicketsQuery } from "@/server/read-models/ticket-list/query";
import {
  bucketOf,
  ticketSearchCollections,
  wordKey,
} from "@/server/read-models/ticket-list/search/collections";
import { projectSearchWords } from "@/server/read-models/ticket-list/search/project";
import { emptyDesk, testCollections } from "@/server/testing/read-collections";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import { addNote } from "@/server/tickets/commands/add-note";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { receiveMessage } from "@/server/tickets/commands/receive-message";
import { sendReply } from "@/server/tickets/commands/send-reply";

const MINUTE = 60_000;
const start = Date.UTC(2026, 10, 1);
const at = (minutes: number) => as("Ada", new Date(start + minutes * MINUTE));

async function search(raw: Record<string, string>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = await listTickets(listTicketsQuery.parse({ limit: "3", ...raw, cursor }));
    ids.push(...page.items.map((i) => i.ticketId));
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return ids;
}

describe("search over everything said", () => {
  const t: Record<string, string> = {};

  beforeAll(async () => {
    await emptyDesk(await getCollections());
    t.cafe = (await create({ subject: "Café au lait", message: "Machine broken" }, at(1))).ticketId;
    t.reply = (await create({ subject: "Printer", message: "jammed" }, at(2))).ticketId;
    await sendReply(t.reply, { body: "Try the toner drawer" }, at(3));
    t.note = (await create({ subject: "Printer again", message: "jammed" }, at(4))).ticketId;
    await addNote(t.note, { body: "Escalate to Zoë in facilities" }, at(5));
    t.later = (await create({ subject: "Login", message: "cannot sign in" }, at(6))).ticketId;
    await receiveMessage(t.later, { body: "Also my invoice is wrong", customer: null }, at(7));
    for (let i = 0; i < 8; i++) {
      const { ticketId } = await create({ subject: `Invoice ${i}`, message: "refund" }, at(10 + i));
      t[`invoice${i}`] = ticketId;
      if (i % 2 === 0) await changeStatus(ticketId, { status: "triaged" }, at(20 + i));
    }
    await drainProjectionQueue();
  });

  it("given an accented subject, when searched without accents or case, then it is found", async () => {
    expect(await search({ q: "CAFE" })).toEqual([t.cafe]);
    expect(await search({ q: "café LAIT" })).toEqual([t.cafe]);
  });

  it("given words only in a reply, a note or a later message, when searched, then found", async () => {
    expect(await search({ q: "toner" })).toEqual([t.reply]);
    expect(await search({ q: "zoe" })).toEqual([t.note]);
    expect(await search({ q: "invoice wrong" })).toEqual([t.later]);
  });

  it("given several words, when searched, then every word is required", async () => {
    expect(await search({ q: "printer jammed" })).toEqual([t.note, t.reply]);
    expect(await search({ q: "printer toner" })).toEqual([t.reply]);
    expect(await search({ q: "cafe toner" })).toEqual([]);
  });

  it("given a last word typed in part, when searched, then it matches as a prefix only last", async () => {
    expect(await search({ q: "escal" })).toEqual([t.note]);
    expect(await search({ q: "escal zoe" })).toEqual([]);
    expect(await search({ q: "printer ag" })).toEqual([t.note]);
  });

  it("given many matches, when paged with q, then each comes once in list order", async () => {
    const all = await search({ q: "invoice" });
    const invoices = [...Array(8).keys()].map((i) => t[`invoice${i}`]!);
    // Triaged ones were updated last (minutes 20–26), newest first, then the rest, newest first.
    const expected = [
      ...[6, 4, 2, 0].map((i) => invoices[i]!),
      ...[7, 5, 3, 1].map((i) => invoices[i]!),
      t.later!,
    ];
    expect(all).toEqual(expected);
    expect(new Set(all).size).toBe(all.length);
  });

  it("given a filter and q, when listed, then both apply", async () => {
    expect(await search({ q: "invoice", status: "triaged" })).toEqual(
      [6, 4, 2, 0].map((i) => t[`invoice${i}`]!),
    );
  });

  it("given an old version re-projected, when searched, then no stale word comes back", async () => {
    const cols = await getCollections();
    const before = await cols.tickets.findOne({
      _id: new ObjectId(t.reply),
    });
    // A reply two hours later files the ticket's words under that minute.
    await sendReply(t.reply!, { body: "Fixed by the pixie" }, at(150));
    await drainProjectionQueue();
    const search_ = ticketSearchCollections(cols);
    await projectSearchWords(cols, [before!]);
    const keys = await search_.words.find({ _id: { $gte: "toner|", $lt: "toner|~" } }).toArray();
    expect(keys.map((k) => k._id)).toEqual([
      wordKey("toner", bucketOf(start + 150 * MINUTE), t.reply!),
    ]);
    expect(await search({ q: "pixie" })).toEqual([t.reply]);
    expect(await search({ q: "toner" })).toEqual([t.reply]);
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });

  it("given matches over many minutes, when paged, then each comes once in list order", async () => {
    // given tickets changed in minutes far apart, several within one minute, some twice
    const changed: { id: string; last: number }[] = [];
    const SECOND = 1 / 60;
    for (let i = 0; i < 7; i++) {
      const minute = 1_000 + Math.floor(i / 3) * 90;
      const created = minute + (i % 3) * 10 * SECOND;
      const { ticketId } = await create(
        { subject: `Quokka ${i}`, message: "spotted" },
        at(created),
      );
      if (i % 3 === 0) await addNote(ticketId, { body: "quokka again" }, at(minute + 5));
      changed.push({ id: ticketId, last: i % 3 === 0 ? minute + 5 : created });
    }
    const newestFirst = changed.sort((a, b) => b.last - a.last).map((c) => c.id);
    await drainProjectionQueue();

    // when searched in pages of 3, alone and with a second word
    const found = await search({ q: "quokka" });
    const both = await search({ q: "spotted quokka" });

    // then newest first, each once
    expect(found).toEqual(newestFirst);
    expect(both).toEqual(newestFirst);
  });

  it("given a word key deleted or one inserted, when verified, then drift is reported", async () => {
    const cols = await testCollections();
    const { words } = ticketSearchCollections(cols);
    const lost = await words.findOne({ _id: { $gte: "toner|", $lt: "toner|~" } });
    await words.deleteOne({ _id: lost!._id });
    const extra = lost!._id.replace(/^toner/, "bogus");
    await words.insertOne({ _id: extra });
    const drift = (await verifyProjections(cols, { waitForQueueMs: 0 })).drift.filter(
      (d) => d.readModel === "ticket_search",
    );
    expect(drift.map((d) => [d.kind, d.ticketId])).toEqual([
      ["missing", t.reply],
      ["extra", t.reply],
    ]);
    await words.deleteOne({ _id: extra });
    await words.insertOne({ _id: lost!._id });
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });
});
