import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import * as dashboard from "@/app/api/dashboard/route";
import * as assignee from "@/app/api/tickets/[ticketId]/assignee/route";
import * as notes from "@/app/api/tickets/[ticketId]/notes/route";
import * as priority from "@/app/api/tickets/[ticketId]/priority/route";
import * as ticket from "@/app/api/tickets/[ticketId]/route";
import * as status from "@/app/api/tickets/[ticketId]/status/route";
import * as tickets from "@/app/api/tickets/route";
import { getCollections } from "@/server/db/client";
import { drainProjectionQueue, givenPerson } from "@/server/testing/fixtures";
import { send, type Sent } from "@/server/testing/http";

const createTicket = (json: unknown, headers?: Record<string, string>) =>
  send(tickets.POST, "/api/tickets", { json, headers });
const command = (
  route: typeof status,
  ticketId: string,
  json: unknown,
  headers?: Record<string, string>,
) => send(route.POST, `/api/tickets/${ticketId}/x`, { json, headers }, { ticketId });
const read = (ticketId: string, query = "") =>
  send(ticket.GET, `/api/tickets/${ticketId}${query}`, {}, { ticketId });
const list = (query = "") => send(tickets.GET, `/api/tickets${query}`);

async function newTicket(json: Record<string, unknown> = {}) {
  const res = await createTicket({
    subject: "Printer jams",
    message: "Every second page.",
    ...json,
  });
  expect(res.status).toBe(201);
  return (res.body as { ticketId: string }).ticketId;
}

function expectProblem(res: Sent, statusCode: number, type: string) {
  expect(res.status).toBe(statusCode);
  expect(res.contentType).toContain("application/problem+json");
  expect(res.body).toMatchObject({
    status: statusCode,
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect((res.body as { type: string }).type).toMatch(new RegExp(`/${type}$`));
}

describe("POST /api/tickets", () => {
  it("creates a ticket: 201, {ticketId, version: 1}, Location", async () => {
    const res = await createTicket({
      subject: " Login fails ",
      message: "Since the reset.",
      customerEmail: "ada@example.test",
      priority: "high",
    });
    expect(res.status).toBe(201);
    const body = res.body as { ticketId: string; version: number };
    expect(body).toEqual({ ticketId: expect.stringMatching(/^[0-9a-f]{24}$/), version: 1 });
    expect(res.headers.get("location")).toBe(`/api/tickets/${body.ticketId}`);
    await drainProjectionQueue();
    const got = await read(body.ticketId, "?minVersion=1");
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      ticketId: body.ticketId,
      subject: "Login fails",
      message: "Since the reset.",
      customerEmail: "ada@example.test",
      status: "open",
      priority: "high",
      assignee: null,
      notes: [],
      version: 1,
      history: [{ type: "TicketCreated", version: 1, actor: "tests (write) (API token)" }],
    });
  });

  it.each([
    [
      "malformed JSON",
      { body: "{subject:", headers: { "content-type": "application/json" } },
      400,
      "malformed-json",
    ],
    [
      "an unknown field",
      { json: { subject: "s", message: "m", status: "closed" } },
      400,
      "validation",
    ],
    ["a wrong type", { json: { subject: 42, message: "m" } }, 400, "validation"],
    [
      "a subject over 200 characters",
      { json: { subject: "s".repeat(201), message: "m" } },
      400,
      "validation",
    ],
    [
      "an invalid email",
      { json: { subject: "s", message: "m", customerEmail: "nope" } },
      400,
      "validation",
    ],
    [
      "an operator instead of a value",
      { json: { subject: { $ne: null }, message: "m" } },
      400,
      "validation",
    ],
    ["a JSON array", { json: [] }, 400, "validation"],
    [
      "a body that is not JSON",
      { body: "subject=x", headers: { "content-type": "application/x-www-form-urlencoded" } },
      415,
      "unsupported-media-type",
    ],
    ["no content type", { body: "{}" }, 415, "unsupported-media-type"],
    [
      "a body over 64 KiB",
      { json: { subject: "s", message: "m".repeat(70_000) } },
      413,
      "payload-too-large",
    ],
  ] as const)("refuses %s", async (_, init, code, type) => {
    const { tickets: writes } = await getCollections();
    const before = await writes.countDocuments();
    const res = await send(tickets.POST, "/api/tickets", { method: "POST", ...init });
    expectProblem(res, code, type);
    expect(await writes.countDocuments()).toBe(before);
  });

  it("names each invalid field in errors", async () => {
    const res = await createTicket({ subject: "", message: "", extra: 1 });
    expectProblem(res, 400, "validation");
    const errors = (res.body as { errors: Record<string, string[]> }).errors;
    expect(Object.keys(errors).sort()).toEqual(["extra", "message", "subject"]);
    expect(errors.subject).toEqual(["Subject is required."]);
  });

  it("two identical requests with one Idempotency-Key create one ticket and answer alike", async () => {
    const { tickets: writes } = await getCollections();
    const before = await writes.countDocuments();
    const headers = { "idempotency-key": `create-${new ObjectId().toHexString()}` };
    const first = await createTicket({ subject: "Once", message: "Only once" }, headers);
    const second = await createTicket({ subject: "Once", message: "Only once" }, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(await writes.countDocuments()).toBe(before + 1);
    expectProblem(
      await createTicket({ subject: "Other", message: "x" }, headers),
      422,
      "idempotency-key-reused",
    );
    expectProblem(
      await createTicket({ subject: "x", message: "x" }, { "idempotency-key": "k".repeat(201) }),
      400,
      "validation",
    );
  });
});

describe("ticket commands", () => {
  it("status, assignee, notes and priority each return 200 with the new version", async () => {
    const id = await newTicket();
    expect((await command(status, id, { status: "triaged" })).body).toEqual({
      ticketId: id,
      version: 2,
    });
    await givenPerson("Ada");
    expect((await command(assignee, id, { assignee: "Ada" })).body).toEqual({
      ticketId: id,
      version: 3,
    });
    expect((await command(notes, id, { body: "Called back" })).body).toEqual({
      ticketId: id,
      version: 4,
    });
    expect((await command(priority, id, { priority: "urgent", expectedVersion: 4 })).body).toEqual({
      ticketId: id,
      version: 5,
    });
    expect((await command(assignee, id, { assignee: null })).body).toEqual({
      ticketId: id,
      version: 6,
    });
    expect((await command(status, id, { status: "triaged" })).body).toEqual({
      ticketId: id,
      version: 6,
    });
    await drainProjectionQueue();
    const got = await read(id, "?minVersion=6");
    expect(got.body).toMatchObject({
      status: "triaged",
      assignee: null,
      priority: "urgent",
      version: 6,
      notes: [{ body: "Called back", author: "tests (write) (API token)" }],
    });
    expect((got.body as { history: unknown[] }).history).toHaveLength(6);
  });

  it("409 invalid-transition when reopening a closed ticket", async () => {
    const id = await newTicket();
    await command(status, id, { status: "closed" });
    expectProblem(await command(status, id, { status: "open" }), 409, "invalid-transition");
    expectProblem(await command(priority, id, { priority: "low" }), 409, "invalid-transition");
    expect((await command(notes, id, { body: "After closing" })).status).toBe(200);
  });

  it("409 version-conflict when expectedVersion is stale, and nothing is written", async () => {
    const id = await newTicket();
    await command(status, id, { status: "triaged" });
    expectProblem(
      await command(assignee, id, { assigneeId: null, expectedVersion: 1 }),
      409,
      "version-conflict",
    );
    const { tickets: writes } = await getCollections();
    expect((await writes.findOne({ _id: new ObjectId(id) }))?.version).toBe(2);
  });

  it("404 for a malformed or unknown id, on commands and reads", async () => {
    expectProblem(await command(status, "nope", { status: "closed" }), 404, "not-found");
    expectProblem(
      await command(notes, new ObjectId().toHexString(), { body: "x" }),
      404,
      "not-found",
    );
    expectProblem(await read("nope"), 404, "not-found");
    expectProblem(await read(new ObjectId().toHexString()), 404, "not-found");
    expectProblem(await read(new ObjectId().toHexString(), "?minVersion=1"), 404, "not-found");
  });

  it.each([
    [status, { status: "reopened" }],
    [status, {}],
    [assignee, { assignee: "" }],
    [assignee, { assignee: "a".repeat(101) }],
    [notes, { body: "n".repeat(5001) }],
    [priority, { priority: "p0" }],
    [priority, { priority: "low", expectedVersion: 0 }],
    [priority, { priority: "low", expectedVersion: "1" }],
  ])("400 for invalid command input %#", async (route, json) => {
    const id = await newTicket();
    expectProblem(await command(route, id, json), 400, "validation");
  });

  it("a repeated Idempotency-Key on a command returns the first result and writes nothing", async () => {
    const id = await newTicket();
    const headers = { "idempotency-key": "note-once" };
    const first = await command(notes, id, { body: "Once" }, headers);
    const again = await command(notes, id, { body: "Once" }, headers);
    expect(again.body).toEqual(first.body);
    const { tickets: writes } = await getCollections();
    expect((await writes.findOne({ _id: new ObjectId(id) }))?.messageIds).toHaveLength(1);
  });
});

describe("GET /api/tickets/{id}?minVersion", () => {
  it("answers 202 with Retry-After and the version it has while the read model is behind", async () => {
    const id = await newTicket();
    await drainProjectionQueue();
    await command(status, id, { status: "triaged" }); // version 2, not projected yet
    const res = await read(id, "?minVersion=2");
    expect(res.status).toBe(202);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.body).toEqual({ ticketId: id, version: 1 });
    await drainProjectionQueue();
    expect((await read(id, "?minVersion=2")).status).toBe(200);
  });

  it("answers 202 with version null when nothing is projected yet", async () => {
    const id = await newTicket();
    const res = await read(id, "?minVersion=1");
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ticketId: id, version: null });
  });

  it("400 for a bad minVersion or an unknown parameter", async () => {
    const id = await newTicket();
    expectProblem(await read(id, "?minVersion=abc"), 400, "validation");
    expectProblem(await read(id, "?minVersion=0"), 400, "validation");
    expectProblem(await read(id, "?since=1"), 400, "validation");
  });
});

describe("GET /api/tickets", () => {
  it("filters by status, assignee, unassigned, priority, hasNote and subject text", async () => {
    const tag = new ObjectId().toHexString().slice(-6);
    const a = await newTicket({ subject: `VPN drops ${tag}`, priority: "urgent" });
    const b = await newTicket({ subject: `Invoice wrong ${tag}` });
    await command(status, a, { status: "triaged" });
    await givenPerson(`Agent ${tag}`);
    await command(assignee, a, { assignee: `Agent ${tag}` });
    await command(notes, b, { body: "Asked for a copy" });
    await drainProjectionQueue();
    const ids = async (query: string) =>
      ((await list(query)).body as { items: { ticketId: string }[] }).items.map((i) => i.ticketId);

    expect(await ids(`?q=${tag}`)).toEqual([b, a]);
    expect(await ids(`?q=vpn%20DROPS%20${tag}`)).toEqual([a]);
    expect(await ids(`?q=${tag}&status=triaged`)).toEqual([a]);
    expect(await ids(`?q=${tag}&status=open,triaged`)).toEqual([b, a]);
    expect(await ids(`?assignee=Agent%20${tag}`)).toEqual([a]);
    expect(await ids(`?q=${tag}&unassigned=true`)).toEqual([b]);
    expect(await ids(`?q=${tag}&priority=urgent`)).toEqual([a]);
    expect(await ids(`?q=${tag}&hasNote=true`)).toEqual([b]);
    expect(await ids(`?q=${tag}&hasNote=false`)).toEqual([a]);
    expect(await ids(`?q=.*`)).toEqual([]); // q is text, not a pattern

    const row = (
      (await list(`?q=${tag}&hasNote=true`)).body as { items: Record<string, unknown>[] }
    ).items[0];
    expect(row).toEqual({
      ticketId: b,
      subject: `Invoice wrong ${tag}`,
      status: "open",
      priority: "normal",
      assigneeId: null,
      assignee: null,
      customer: null,
      customerEmail: null,
      tags: [],
      messageCount: 2,
      lastMessageAt: expect.any(String),
      lastMessageFrom: "customer",
      awaitingReply: true,
      preview: "Every second page.",
      hasNote: true,
      noteCount: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      triagedAt: null,
      closedAt: null,
      version: 2,
      // No SLA policy here: no clocks.
      slaDueAt: null,
      slaState: null,
    });
  });

  it("keyset pagination over 120 tickets returns each exactly once, newest first, even while tickets change", async () => {
    const tag = new ObjectId().toHexString().slice(-8);
    const created: string[] = [];
    for (let i = 0; i < 120; i++) created.push(await newTicket({ subject: `Page ${tag} #${i}` }));
    await drainProjectionQueue();

    const seen: string[] = [];
    const times: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?q=${tag}&limit=25${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = res.body as {
        items: { ticketId: string; updatedAt: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.items.map((i) => i.ticketId));
      times.push(...page.items.map((i) => Date.parse(i.updatedAt)));
      cursor = page.nextCursor;
      if (++pages === 2) {
        // Someone changes a ticket already seen: it moves to the top and must not repeat.
        await command(status, seen[0]!, { status: "triaged" });
        await drainProjectionQueue();
      }
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(120);
    expect(seen.sort()).toEqual([...created].sort());
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it("400 for a bad limit, cursor, filter value or unknown parameter", async () => {
    const absurd = Buffer.from(JSON.stringify({ u: 9e15, i: "0".repeat(24) })).toString(
      "base64url",
    );
    for (const query of [
      `?cursor=${absurd}`,
      "?limit=0",
      "?limit=101",
      "?limit=x",
      "?cursor=garbage",
      "?status=reopened",
      "?hasNote=yes",
      "?sort=asc",
      "?assignee=A&unassigned=true",
    ]) {
      expectProblem(await list(query), 400, "validation");
    }
  });
});

describe("GET /api/dashboard", () => {
  it("returns the counts from the dashboard read model", async () => {
    await newTicket();
    await drainProjectionQueue();
    const res = await send(dashboard.GET, "/api/dashboard");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: expect.any(Number),
      byStatus: {
        open: expect.any(Number),
        triaged: expect.any(Number),
        closed: expect.any(Number),
      },
      byPriority: {
        low: expect.any(Number),
        normal: expect.any(Number),
        high: expect.any(Number),
        urgent: expect.any(Number),
      },
      unassigned: expect.any(Number),
      withNotes: expect.any(Number),
      byAssignee: expect.any(Object),
      asOf: expect.any(String),
    });
    expect((res.body as { total: number }).total).toBeGreaterThan(0);
  });
});
