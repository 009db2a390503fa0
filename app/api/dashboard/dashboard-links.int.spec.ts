import { describe, expect, it } from "vitest";
import * as tickets from "@/app/api/tickets/route";
import { getCollections } from "@/server/db/client";
import { verifyProjections } from "@/server/projections/verify";
import { addNote } from "@/server/tickets/commands/add-note";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { changeTags } from "@/server/tickets/commands/change-tags";
import { sendReply } from "@/server/tickets/commands/send-reply";
import { as, drainProjectionQueue, create, givenPerson } from "@/server/testing/fixtures";
import { send } from "@/server/testing/http";
import { day } from "@/server/read-models/dashboard/contribution";
import { readDashboard } from "@/server/read-models/dashboard-with-waiting";
import {
  allLinkedNumbers,
  dashboardLinks,
  listQueryString,
  type ListParams,
} from "@/server/read-models/dashboard/links";
import type { TicketListPage } from "@/server/read-models/ticket-list/item-schema";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every ticket GET /api/tickets returns for these params, following the cursor to the end. */
async function listAll(params: ListParams): Promise<string[]> {
  const subjects: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const query = listQueryString({ ...params, limit: "100", ...(cursor ? { cursor } : {}) });
    const res = await send(tickets.GET, `/api/tickets?${query}`);
    expect(res.status, `GET /api/tickets?${query}`).toBe(200);
    const page = res.body as TicketListPage;
    subjects.push(...page.items.map((t) => t.subject));
    cursor = page.nextCursor;
    if (!cursor) return subjects;
  }
}

describe("dashboard links", () => {
  it("each dashboard number equals the count of the ticket list filtered by its link", async () => {
    // Given tickets on both sides of the 30-day window and of every active/closed boundary.
    const now = Date.now();
    const windowStart = Date.parse(`${day(new Date(now - 29 * DAY))}T00:00:00.000Z`);
    const at = (ms: number) => as("Lead", new Date(ms));
    const ticket = async (subject: string, createdAt: number, fields = {}) =>
      (await create({ subject, message: subject, ...fields }, at(createdAt))).ticketId;

    // Created, triaged and closed long before the window: only in status and total counts.
    const old = await ticket("Old", now - 40 * DAY);
    await givenPerson("Old Agent");
    await assignAgent(old, { assignee: "Old Agent" }, at(now - 39 * DAY));
    await changeStatus(old, { status: "triaged" }, at(now - 39 * DAY));
    await changeStatus(old, { status: "closed" }, at(now - 35 * DAY));
    // Created just before the window, triaged inside it.
    const edge = await ticket("Edge before", windowStart - 1);
    await changeStatus(edge, { status: "triaged" }, at(windowStart + HOUR));
    const ada = await givenPerson("Ada Lovelace");
    await assignAgent(edge, { assignee: "Ada Lovelace" }, at(windowStart + HOUR));
    // Created at the first instant of the window.
    await ticket("Edge first", windowStart, { priority: "low" });
    // Triaged, assigned and noted; high priority.
    const high = await ticket("High", now - 10 * DAY, { priority: "high" });
    await changeStatus(high, { status: "triaged" }, at(now - 10 * DAY + 2 * HOUR));
    await givenPerson("Ada Lovelace");
    await assignAgent(high, { assignee: "Ada Lovelace" }, at(now - 9 * DAY));
    await addNote(high, { body: "Called back" }, at(now - 9 * DAY));
    // Answered (no longer awaiting a reply) and tagged; a closed ticket's tag is not counted.
    await sendReply(high, { body: "On it." }, at(now - 9 * DAY + HOUR));
    await changeTags(high, { add: ["billing", "vip"], remove: [] }, at(now - 9 * DAY + HOUR));
    // Closed straight from open: its first triage is its close.
    const direct = await ticket("Direct close", now - 10 * DAY);
    await changeStatus(direct, { status: "closed" }, at(now - 5 * DAY));
    // Triaged, then back to open: still counted as triaged that day.
    const back = await ticket("Back to open", now - 3 * DAY, { priority: "urgent" });
    await changeStatus(back, { status: "triaged" }, at(now - 2 * DAY));
    await changeStatus(back, { status: "open" }, at(now - 2 * DAY + HOUR));
    // Assigned, closed today, then a note after the close.
    const bob = await ticket("Bob's", now - 2 * DAY);
    await givenPerson('J. R. "Bob" $mith & Co.');
    await assignAgent(bob, { assignee: 'J. R. "Bob" $mith & Co.' }, at(now - 2 * DAY));
    await changeTags(bob, { add: ["billing"], remove: [] }, at(now - 2 * DAY));
    await changeStatus(bob, { status: "closed" }, at(now - HOUR));
    await addNote(bob, { body: "Customer confirmed" }, at(now - HOUR / 2));
    // New today, with a note, unassigned.
    const fresh = await ticket("Fresh", now - HOUR);
    await addNote(fresh, { body: "First look" }, at(now - HOUR / 2));
    // Answered first by a person of the desk (the other reply is an API caller's), two hours in.
    const answered = await ticket("Answered by Ada", now - 4 * DAY);
    const asAda = (ms: number) => ({
      ctx: { ...at(ms).ctx, actor: { id: `user:${ada}`, name: "Ada Lovelace" } },
    });
    await sendReply(answered, { body: "Hello!" }, asAda(now - 4 * DAY + 2 * HOUR));
    await drainProjectionQueue();

    // When the dashboard and the list are read.
    const dashboard = await readDashboard();
    const links = dashboardLinks(dashboard);

    // Then every number is the size of the list its link selects.
    const numbers = allLinkedNumbers(links);
    expect(numbers.length).toBeGreaterThan(60);
    for (const { name, value, params } of numbers) {
      expect((await listAll(params)).length, `${name} (${listQueryString(params)})`).toBe(value);
    }

    // And the fixture exercised what matters (so the equalities above are not all 0 = 0).
    expect(dashboard.total).toBe(9);
    expect(links.byStatus.closed.value).toBe(3);
    expect(dashboard.byAssignee).toEqual({ "Ada Lovelace": 2 });
    expect(dashboard.assignees).toEqual([{ personId: ada, name: "Ada Lovelace", count: 2 }]);
    expect(links.byAssignee[0]?.params.assignee).toBe(ada);
    expect(links.unassigned.value).toBe(4);
    // Active tickets but the answered one await a reply: edge, edge first, back, fresh.
    expect(links.awaitingReply.value).toBe(4);
    expect(dashboard.byTag).toEqual({ billing: 1, vip: 1 });
    expect(dashboard.firstResponse.count).toBe(2);
    expect(dashboard.firstResponse.p90Ms).toBeGreaterThan(0.88 * 25 * HOUR); // created 10 days ago
    expect(dashboard.firstResponse.p90Ms).toBeLessThan(1.12 * 25 * HOUR);
    expect(dashboard.firstResponseByAgent).toEqual([
      {
        personId: ada,
        name: "Ada Lovelace",
        count: 1,
        p50Ms: expect.any(Number),
        p90Ms: expect.any(Number),
      },
    ]);
    expect(dashboard.firstResponseByAgent[0]!.p50Ms).toBeGreaterThan(0.88 * 2 * HOUR);
    expect(dashboard.firstResponseByAgent[0]!.p50Ms).toBeLessThan(1.12 * 2 * HOUR);
    expect(await listAll(links.firstResponseByAgent[0]!.params)).toEqual(["Answered by Ada"]);
    // The longest wait: the triaged ticket from just before the window, never answered.
    expect(dashboard.oldestAwaitingReply).toEqual({
      ticketId: edge,
      since: new Date(windowStart - 1).toISOString(),
      waitingMs: expect.any(Number),
    });
    expect(dashboard.oldestAwaitingReply!.waitingMs).toBeGreaterThanOrEqual(now - windowStart);
    expect(links.withNotes.value).toBe(3);
    expect(links.timeToTriage.value).toBe(5); // edge, high, direct, back, bob
    expect(links.timeToClose.value).toBe(2); // direct, bob
    expect(links.perDay.reduce((n, d) => n + d.created.value, 0)).toBe(7);
    expect(await listAll(links.timeToTriage.params)).not.toContain("Old");
    expect(await listAll(links.perDay[0]!.created.params)).toEqual(["Edge first"]);
    expect(await listAll(links.byPriority.urgent.params)).toEqual(["Back to open"]);

    // And the list read model, with its new dates, still matches the write model exactly.
    const report = await verifyProjections(await getCollections(), { waitForQueueMs: 0 });
    expect(report.drift).toEqual([]);
  });

  it("refuses malformed or reversed day ranges with a message per field", async () => {
    for (const [query, field, message] of [
      ["createdFrom=2026-02-30", "createdFrom", /createdFrom must be a calendar day/],
      ["closedTo=26-11-2026", "closedTo", /YYYY-MM-DD/],
      [
        "triagedFrom=2026-11-20&triagedTo=2026-11-19",
        "triagedTo",
        /triagedFrom \(2026-11-20\) must be on or before triagedTo/,
      ],
    ] as const) {
      const res = await send(tickets.GET, `/api/tickets?${query}`);
      expect(res.status, query).toBe(400);
      const errors = (res.body as { errors: Record<string, string[]> }).errors;
      expect(errors[field]?.join(" "), query).toMatch(message);
    }
    const ok = await send(tickets.GET, "/api/tickets?createdFrom=2026-11-20&createdTo=2026-11-20");
    expect(ok.status).toBe(200);
  });
});
