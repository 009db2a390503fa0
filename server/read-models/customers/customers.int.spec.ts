import { ObjectId } from "mongodb";
import { beforeEach, describe, expect, it } from "vitest";
import { projectTickets } from "@/server/projections/project";
import { verifyProjections } from "@/server/projections/verify";
import { projectCustomers } from "@/server/read-models/customers/project";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import {
  emptyDesk,
  testCollections,
  type TestCollections,
} from "@/server/testing/read-collections";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { receiveMessage } from "@/server/tickets/commands/receive-message";
import { sendReply } from "@/server/tickets/commands/send-reply";
import type { TicketDocument } from "@/server/tickets/write-model";

const HOUR = 3_600_000;
const start = Date.UTC(2026, 10, 1);
const at = (hours: number) => new Date(start + hours * HOUR);

describe("the customers read model", () => {
  let cols: TestCollections;
  beforeEach(async () => {
    cols = await testCollections();
    await emptyDesk(cols);
  });
  const summary = (email: string) => cols.customers.findOne({ _id: email });
  const ticket = async (id: string) =>
    (await cols.tickets.findOne({ _id: new ObjectId(id) })) as TicketDocument;

  it("given tickets under one email in any case, sums them into one customer", async () => {
    const first = await create(
      { subject: "VPN drops", message: "Hourly.", customer: { email: "Sam@Example.test" } },
      as("Gateway", at(0)),
    );
    const second = await create(
      {
        subject: "Invoice",
        message: "Wrong amount.",
        customer: { email: "sam@example.TEST", name: "Sam Müller" },
      },
      as("Gateway", at(1)),
    );
    await changeStatus(first.ticketId, { status: "triaged" }, as("Ada", at(2)));
    await receiveMessage(first.ticketId, { body: "Still?", customer: null }, as("Gateway", at(3)));
    await sendReply(first.ticketId, { body: "Looking." }, as("Ada", at(4)));
    await changeStatus(second.ticketId, { status: "closed" }, as("Ada", at(5)));
    await drainProjectionQueue();

    expect(await summary("sam@example.test")).toMatchObject({
      name: "Sam Müller",
      ticketCounts: { open: 0, triaged: 1, closed: 1 },
      firstContactAt: at(0),
      lastContactAt: at(4),
      tokens: ["sam@example.test", "sam", "muller"],
    });
    expect(await cols.customerKeys.countDocuments()).toBe(3);
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });

  it("given a replay, an older version late, or several projectors at once, ends exact", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { ticketId } = await create(
        { subject: `Ticket ${i}`, message: "Hi.", customer: { email: "kim@example.test" } },
        as("Gateway", at(i)),
      );
      ids.push(ticketId);
    }
    await drainProjectionQueue();
    const old = await Promise.all(ids.map(ticket));
    for (const id of ids) await changeStatus(id, { status: "closed" }, as("Ada", at(10)));
    const current = await Promise.all(ids.map(ticket));

    // Six projectors, each with one ticket's new version, all at once; then late old versions
    // and a replay of the new ones.
    await Promise.all(current.map((t) => projectCustomers(cols, [t], new Date())));
    await Promise.all(old.map((t) => projectCustomers(cols, [t], new Date())));
    await projectTickets(cols, current, new Date());
    await drainProjectionQueue();

    expect(await summary("kim@example.test")).toMatchObject({
      ticketCounts: { open: 0, triaged: 0, closed: 6 },
      version: current.reduce((sum, t) => sum + t.version, 0),
    });
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });

  it("given a newer ticket with another name, moves the search keys to the new name", async () => {
    await create(
      { subject: "One", message: "a", customer: { email: "lee@example.test", name: "Lee Park" } },
      as("Gateway", at(0)),
    );
    await drainProjectionQueue();
    await create(
      { subject: "Two", message: "b", customer: { email: "lee@example.test", name: "Lee Kim" } },
      as("Gateway", at(1)),
    );
    await drainProjectionQueue();

    const lee = await summary("lee@example.test");
    expect(lee).toMatchObject({ name: "Lee Kim", tokens: ["lee@example.test", "lee", "kim"] });
    const keys = (await cols.customerKeys.find().toArray()).map((k) => k._id).sort();
    expect(keys).toEqual(
      ["kim", "lee", "lee@example.test"].map((t) => `${t} lee@example.test ${lee!.keysVersion}`),
    );
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });

  it("given a ticket that gains a customer later, counts it for that customer", async () => {
    const { ticketId } = await create({ subject: "No sender", message: "?" }, as("Gateway", at(0)));
    await drainProjectionQueue();
    expect(await cols.customers.countDocuments()).toBe(0);
    await receiveMessage(
      ticketId,
      { body: "It is me", customer: { email: "Ana@Example.test", name: "Ana" } },
      as("Gateway", at(1)),
    );
    await drainProjectionQueue();
    expect(await summary("ana@example.test")).toMatchObject({
      name: "Ana",
      ticketCounts: { open: 1, triaged: 0, closed: 0 },
      lastContactAt: at(1),
    });
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });

  it("given a wrong, a lost or an extra document, verify names it, and projecting repairs it", async () => {
    const { ticketId } = await create(
      {
        subject: "Mail",
        message: "Bounces.",
        customer: { email: "max@example.test", name: "Max" },
      },
      as("Gateway", at(0)),
    );
    await drainProjectionQueue();
    const drift = async () =>
      (await verifyProjections(cols, { waitForQueueMs: 0 })).drift.map((d) => d.kind);

    await cols.customers.updateOne({ _id: "max@example.test" }, { $set: { name: "Maxine" } });
    expect(await drift()).toEqual(["wrong"]);
    await cols.customers.deleteOne({ _id: "max@example.test" });
    expect(await drift()).toEqual(["missing"]);
    await projectTickets(cols, [await ticket(ticketId)], new Date());
    expect(await drift()).toEqual([]);

    await cols.customerKeys.deleteMany({ _id: /^max / });
    expect(await drift()).toEqual(["missing"]);
    await cols.customers.deleteOne({ _id: "max@example.test" });
    await projectTickets(cols, [await ticket(ticketId)], new Date());
    expect(await drift()).toEqual([]);

    await cols.customerTickets.insertOne({
      ...(await cols.customerTickets.findOne({}))!,
      _id: `nobody@example.test ${new ObjectId().toHexString()}`,
    });
    await cols.customers.insertOne({
      ...(await summary("max@example.test"))!,
      _id: "ghost@example.test",
    });
    expect((await drift()).sort()).toEqual(["extra", "extra"]);
  });
});
