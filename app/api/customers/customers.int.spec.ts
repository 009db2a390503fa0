import { describe, expect, it } from "vitest";
import { ObjectId } from "mongodb";
import * as customer from "@/app/api/customers/[email]/route";
import * as customers from "@/app/api/customers/route";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import { send } from "@/server/testing/http";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { receiveMessage } from "@/server/tickets/commands/receive-message";
import type { CustomerDetail } from "@/server/read-models/ticket-list/customer-schema";
import type { CustomerPage } from "@/server/read-models/customers/schema";

const HOUR = 3_600_000;
const get = (email: string) =>
  send(customer.GET, `/api/customers/${encodeURIComponent(email)}`, { as: "read" }, { email });

describe("GET /api/customers/{email}", () => {
  it("answers a customer in any case with counts, contacts and tickets newest first", async () => {
    // Given three tickets of one customer, written in different cases, one closed, and another
    // customer's ticket.
    const t0 = Date.now() - 10 * HOUR;
    const at = (h: number) => as("Agent", new Date(t0 + h * HOUR));
    const first = await create(
      { subject: "First", message: "a", customer: { email: "Noor@Example.test" } },
      at(0),
    );
    const second = await create(
      {
        subject: "Second",
        message: "b",
        customer: { email: "noor@example.test", name: "Noor A." },
      },
      at(2),
    );
    const third = await create(
      { subject: "Third", message: "c", customerEmail: "NOOR@example.TEST" },
      at(4),
    );
    await create({ subject: "Other", message: "d", customerEmail: "someone@example.test" }, at(5));
    await changeStatus(first.ticketId, { status: "closed" }, at(6));
    await changeStatus(second.ticketId, { status: "triaged" }, at(6));
    await receiveMessage(second.ticketId, { body: "Any news?", customer: null }, at(7));
    await drainProjectionQueue();

    // When a reader asks for the customer, in yet another case.
    const res = await get("nOOr@example.test");

    // Then the customer is one, with the figures of exactly their tickets.
    expect(res.status).toBe(200);
    const body = res.body as CustomerDetail;
    expect(body).toMatchObject({
      email: "noor@example.test",
      name: "Noor A.",
      ticketCounts: { open: 1, triaged: 1, closed: 1 },
      firstContactAt: new Date(t0).toISOString(),
      lastContactAt: new Date(t0 + 7 * HOUR).toISOString(),
    });
    expect(body.tickets.map((t) => t.ticketId)).toEqual([
      third.ticketId,
      second.ticketId,
      first.ticketId,
    ]);
    expect(body.tickets[1]).toMatchObject({ subject: "Second", awaitingReply: true });
  });

  it("is a 404 problem for an email no ticket has, and a 400 for one that is not an email", async () => {
    const unknown = await get("nobody-at-all@example.test");
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain("application/problem+json");
    const bad = await get("not an email");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: { email: [expect.stringContaining("email")] } });
  });

  it("refuses a caller without credentials", async () => {
    const res = await send(
      customer.GET,
      "/api/customers/x%40example.test",
      { as: "anonymous" },
      { email: "x@example.test" },
    );
    expect(res.status).toBe(401);
  });
});

describe("GET /api/customers", () => {
  const list = (query: string) => send(customers.GET, `/api/customers${query}`, { as: "read" });
  const emails = async (query: string) => {
    const res = await list(query);
    expect(res.status).toBe(200);
    return (res.body as CustomerPage).items.map((c) => c.email);
  };

  it("finds customers by email or name prefix, any case and accents, every word matching", async () => {
    // Given customers whose emails and names share a prefix unique to this test.
    const tag = `c${new ObjectId().toHexString().slice(-8)}`;
    const at = as("Gateway", new Date(Date.now() - 3_600_000));
    const customer = (email: string, name?: string) =>
      create({ subject: "Hello", message: "Hi.", customer: { email, name } }, at);
    await customer(`${tag}.jose@example.test`, `José ${tag}garcía`);
    await customer(`${tag}.mia@example.test`, `Mia ${tag}lópez`);
    const closed = await customer(`${tag}.mia@example.test`);
    await changeStatus(closed.ticketId, { status: "closed" }, at);
    await customer(`ana@${tag}.example.test`, `Ana ${tag}garcia`);
    await drainProjectionQueue();

    // Then q matches the start of an email or of a word of the name, once per customer.
    expect(await emails(`?q=${tag}.`)).toEqual([
      `${tag}.jose@example.test`,
      `${tag}.mia@example.test`,
    ]);
    expect(await emails(`?q=${tag}GARCIA`)).toEqual([
      `ana@${tag}.example.test`,
      `${tag}.jose@example.test`,
    ]);
    expect(await emails(`?q=jos%C3%A9%20${tag}g`)).toEqual([`${tag}.jose@example.test`]);
    expect(await emails(`?q=${tag}%20mia`)).toEqual([`${tag}.mia@example.test`]);
    expect(await emails(`?q=${tag}%20nobody`)).toEqual([]);
    const [mia] = ((await list(`?q=${tag}.mia`)).body as CustomerPage).items;
    expect(mia).toEqual({
      email: `${tag}.mia@example.test`,
      name: `Mia ${tag}lópez`,
      ticketCounts: { open: 1, triaged: 0, closed: 1 },
      firstContactAt: expect.any(String),
      lastContactAt: expect.any(String),
    });
  });

  it("pages with a cursor, each customer exactly once, with q and without", async () => {
    const tag = `p${new ObjectId().toHexString().slice(-8)}`;
    const at = as("Gateway", new Date(Date.now() - 3_600_000));
    const all: string[] = [];
    for (let i = 0; i < 7; i++) {
      const email = `${tag}${i}@example.test`;
      all.push(email);
      await create({ subject: "Hi", message: "a", customer: { email, name: `Pat ${tag}` } }, at);
    }
    await drainProjectionQueue();

    const pages = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res = await list(`${query}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
        const body = res.body as CustomerPage;
        seen.push(...body.items.map((c) => c.email));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      return seen;
    };
    // By email prefix and by name word (each customer has both): one place each.
    expect(await pages(`?q=${tag}`)).toEqual(all);
    // Without q, every customer by email: ours are among them, in order.
    const everyone = await pages("?q=");
    expect(everyone.filter((e) => e.startsWith(tag))).toEqual(all);
    expect(everyone).toEqual([...everyone].sort());
  });

  it("is a 400 problem for a bad limit, cursor or parameter, and a 401 without credentials", async () => {
    for (const query of [
      "?limit=0",
      "?limit=x",
      "?cursor=nonsense",
      "?q=a&cursor=e30",
      "?sort=x",
    ]) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(res.contentType).toContain("application/problem+json");
    }
    const anonymous = await send(customers.GET, "/api/customers", { as: "anonymous" });
    expect(anonymous.status).toBe(401);
  });
});
