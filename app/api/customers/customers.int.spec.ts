import { describe, expect, it } from "vitest";
import * as customer from "@/app/api/customers/[email]/route";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import { send } from "@/server/testing/http";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { receiveMessage } from "@/server/tickets/commands/receive-message";
import type { CustomerDetail } from "@/server/read-models/ticket-list/customer-schema";

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
