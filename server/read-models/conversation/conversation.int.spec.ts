import { ObjectId } from "mongodb";
import { beforeEach, describe, expect, it } from "vitest";
import { projectTickets } from "@/server/projections/project";
import { verifyProjections } from "@/server/projections/verify";
import { getConversation } from "@/server/read-models/conversation/get-conversation";
import { entryKey } from "@/server/read-models/conversation/document";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import {
  emptyDesk,
  testCollections,
  type TestCollections,
} from "@/server/testing/read-collections";
import { addNote } from "@/server/tickets/commands/add-note";
import { receiveMessage } from "@/server/tickets/commands/receive-message";
import { sendReply } from "@/server/tickets/commands/send-reply";

const HOUR = 3_600_000;

async function conversationTicket(start: number) {
  const { ticketId } = await create(
    {
      subject: "VPN drops",
      message: "It drops hourly.",
      customer: { email: "sam@example.test", name: "Sam" },
    },
    as("Gateway", new Date(start)),
  );
  await sendReply(ticketId, { body: "Which client version?" }, as("Ada", new Date(start + HOUR)));
  await receiveMessage(
    ticketId,
    { body: "4.2.1", customer: null },
    as("Gateway", new Date(start + 2 * HOUR)),
  );
  await addNote(ticketId, { body: "Known bug in 4.2" }, as("Ada", new Date(start + 3 * HOUR)));
  return ticketId;
}

describe("the conversation read model", () => {
  let cols: TestCollections;
  beforeEach(async () => {
    cols = await testCollections();
    await emptyDesk(cols);
  });

  it("given messages, replies and notes, shows every entry once, in order, with its author", async () => {
    const id = await conversationTicket(Date.UTC(2026, 10, 1));
    await drainProjectionQueue();
    // A projection run again (a retry, a second projector) changes nothing.
    const ticket = (await cols.tickets.findOne({ _id: new ObjectId(id) }))!;
    await projectTickets(cols, [ticket], new Date());
    const read = await getConversation(cols, new ObjectId(id));
    expect(read?.version).toBe(ticket.version);
    expect(read?.entries.map((e) => [e.seq, e.kind, e.author.name, e.body])).toEqual([
      [0, "customer", "Sam", "It drops hourly."],
      [1, "reply", "Ada", "Which client version?"],
      [2, "customer", "Sam", "4.2.1"],
      [3, "note", "Ada", "Known bug in 4.2"],
    ]);
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });

  it("given a corrupted, a lost or an extra entry, verify names it", async () => {
    const id = await conversationTicket(Date.UTC(2026, 10, 2));
    await drainProjectionQueue();
    await cols.conversationEntries.updateOne(
      { _id: entryKey(id, 1) },
      { $set: { body: "edited" } },
    );
    let drift = (await verifyProjections(cols, { waitForQueueMs: 0 })).drift;
    expect(drift).toEqual([
      expect.objectContaining({ readModel: "ticket_conversation", kind: "wrong", ticketId: id }),
    ]);

    await cols.conversationEntries.deleteOne({ _id: entryKey(id, 1) });
    drift = (await verifyProjections(cols, { waitForQueueMs: 0 })).drift;
    expect(drift).toEqual([expect.objectContaining({ kind: "missing", ticketId: id })]);

    const ticket = (await cols.tickets.findOne({ _id: new ObjectId(id) }))!;
    // A new head-less projection rewrites what is missing…
    await cols.conversationHeads.deleteOne({ _id: ticket._id });
    await projectTickets(cols, [ticket], new Date());
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
    // … and an entry nobody expects is counted as extra.
    await cols.conversationEntries.insertOne({
      ...(await cols.conversationEntries.findOne({ _id: entryKey(id, 3) }))!,
      _id: entryKey(id, 9),
    });
    drift = (await verifyProjections(cols, { waitForQueueMs: 0 })).drift;
    expect(drift).toEqual([
      expect.objectContaining({ readModel: "ticket_conversation", kind: "extra" }),
    ]);
  });

  it("given a message written but never listed (a crash before the ticket write), shows nothing of it", async () => {
    const id = await conversationTicket(Date.UTC(2026, 10, 3));
    await cols.messages.insertOne({
      _id: `${id}:${new ObjectId().toHexString()}`,
      ticketId: id,
      kind: "customer",
      body: "never acknowledged",
      author: { name: "Sam" },
      at: new Date(),
    });
    await drainProjectionQueue();
    const read = await getConversation(cols, new ObjectId(id));
    expect(read?.entries.map((e) => e.body)).not.toContain("never acknowledged");
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });
});
