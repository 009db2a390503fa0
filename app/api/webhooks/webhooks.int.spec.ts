import { Webhook as Verifier } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as events from "@/app/api/events/route";
import * as redeliver from "@/app/api/webhooks/[id]/redeliver/route";
import * as replay from "@/app/api/webhooks/[id]/replay/route";
import * as one from "@/app/api/webhooks/[id]/route";
import * as all from "@/app/api/webhooks/route";
import { getDb } from "@/server/db/client";
import type { PositionedEvent } from "@/server/events/event";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import { send, type Sent } from "@/server/testing/http";
import { emptyDesk, testCollections } from "@/server/testing/read-collections";
import { startReceiver, type Receiver } from "@/server/testing/receiver";
import { addNote } from "@/server/tickets/commands/add-note";
import { sendReply } from "@/server/tickets/commands/send-reply";
import { WEBHOOK_COLLECTIONS } from "@/server/webhooks/collection";
import { WebhookDispatcher, type DispatcherOptions } from "@/server/webhooks/dispatcher";
import type { Webhook } from "@/server/webhooks/schemas";

// Subscriptions to 127.0.0.1 receivers need the flag the desk refuses them without.
vi.hoisted(() => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = "true";
});

type Created = Webhook & { secret: string };
type Caller = "read" | "write" | "anonymous" | "agent" | "lead";

const subscribe = (json: unknown, as: Caller = "write") =>
  send(all.POST, "/api/webhooks", { json, as });
const list = (as: Caller = "write") => send(all.GET, "/api/webhooks", { as });
const get = (id: string) => send(one.GET, `/api/webhooks/${id}`, {}, { id });
const patch = (id: string, json: unknown) =>
  send(one.PATCH, `/api/webhooks/${id}`, { method: "PATCH", json }, { id });
const remove = (id: string) =>
  send(one.DELETE, `/api/webhooks/${id}`, { method: "DELETE" }, { id });
const resend = (id: string, json: unknown) =>
  send(redeliver.POST, `/api/webhooks/${id}/redeliver`, { json }, { id });
const replayFrom = (id: string, json: unknown) =>
  send(replay.POST, `/api/webhooks/${id}/replay`, { json }, { id });

async function created(json: Record<string, unknown>): Promise<Created> {
  const res = await subscribe(json);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Created;
}

function expectProblem(res: Sent, status: number, field?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.contentType).toContain("application/problem+json");
  if (field) expect((res.body as { errors: Record<string, unknown> }).errors).toHaveProperty(field);
}

/** The whole feed, as GET /api/events serves it. */
async function feed(): Promise<PositionedEvent[]> {
  const res = await send(events.GET, "/api/events?after=0&limit=500", { as: "read" });
  return (res.body as { items: PositionedEvent[] }).items;
}

const bodies = (r: Receiver) => r.received.map((x) => JSON.parse(x.body) as PositionedEvent);
const ids = (r: Receiver) => r.received.map((x) => x.headers["webhook-id"]);
const verify = (secret: string, r: Receiver["received"][number]) =>
  new Verifier(secret).verify(r.body, r.headers as Record<string, string>);

/** Waits (bounded) for what the test needs, re-checking as deliveries land. */
const until = (check: () => unknown, timeout = 10_000) =>
  vi.waitFor(async () => expect(await check()).toBeTruthy(), { timeout, interval: 25 });

async function someChanges(n: number) {
  const tickets = [];
  for (let i = 0; i < n; i++) {
    const t = await create({ subject: `Ticket ${i}`, message: "Help." }, as("Gateway"));
    await sendReply(t.ticketId, { body: `Reply ${i}` }, as("Aisha Khan"));
    tickets.push(t.ticketId);
  }
  await drainProjectionQueue();
  return tickets;
}

const dispatchers: WebhookDispatcher[] = [];
function dispatcher(options: Partial<DispatcherOptions> = {}) {
  const d = new WebhookDispatcher({
    db: getDb,
    destinations: { allowPrivate: true },
    pollMs: 20,
    timeoutMs: 1_000,
    retry: { scheduleMs: [50, 100, 150], giveUpMs: 60_000 },
    log: () => undefined,
    ...options,
  });
  d.start();
  dispatchers.push(d);
  return d;
}

const receivers: Receiver[] = [];
async function receiver() {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

beforeEach(async () => {
  const cols = await testCollections();
  await emptyDesk(cols);
  const db = await getDb();
  await Promise.all(
    Object.values(WEBHOOK_COLLECTIONS).map((name) => db.collection(name).deleteMany({})),
  );
});

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe("managing subscriptions", () => {
  it("given a write token, subscribes a URL and shows the secret once, never again", async () => {
    // when a write token subscribes a URL to two event types
    const hook = await created({
      url: "http://127.0.0.1:9/hook",
      types: ["ticket.reply_sent", "ticket.created", "ticket.created"],
      description: " CRM sync ",
    });

    // then it answers the subscription with its secret, from the end of the feed on
    expect(hook).toMatchObject({
      url: "http://127.0.0.1:9/hook",
      types: ["ticket.created", "ticket.reply_sent"],
      description: "CRM sync",
      active: true,
      disabled: null,
      position: 0,
      behind: { events: 0, seconds: 0 },
      retry: null,
      updatedBy: "tests (write) (API token)",
    });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);

    // and no later answer carries the secret
    const listed = await list();
    const fetched = await get(hook.id);
    const patched = await patch(hook.id, { description: "CRM" });
    for (const res of [listed, fetched, patched]) {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(hook.secret.slice(6));
    }
    expect((listed.body as { items: Webhook[] }).items.map((w) => w.id)).toEqual([hook.id]);
    expect(fetched.body).toMatchObject({ id: hook.id, attempts: [] });
    expect(patched.body).toMatchObject({
      description: "CRM",
      updatedBy: "tests (write) (API token)",
    });
  });

  it("given bad input, answers a problem naming the field, and writes nothing", async () => {
    // when the input is wrong in each way a client could get it wrong
    const badTypes = await subscribe({ url: "http://127.0.0.1:9/", types: ["ticket.exploded"] });
    const badScheme = await subscribe({ url: "ftp://127.0.0.1/hook" });
    const notUrl = await subscribe({ url: "not a url" });
    const extra = await subscribe({ url: "http://127.0.0.1:9/", secret: "mine" });
    const badRotate = await patch("0".repeat(24), { rotateSecret: false });

    // then each is a 400 problem beside its field
    expectProblem(badTypes, 400, "types.0");
    expectProblem(badScheme, 400, "url");
    expectProblem(notUrl, 400, "url");
    expectProblem(extra, 400);
    expectProblem(badRotate, 400, "rotateSecret");
    expect((await list()).body).toEqual({ items: [] });
  });

  it("given other callers, only leads and write tokens manage subscriptions", async () => {
    // when a read token, an agent and nobody try
    const byRead = await subscribe({ url: "http://127.0.0.1:9/" }, "read");
    const byAgent = await list("agent");
    const byNobody = await list("anonymous");
    // and a lead does
    const byLead = await subscribe({ url: "http://127.0.0.1:9/" }, "lead");

    // then only the lead gets through
    expectProblem(byRead, 403);
    expectProblem(byAgent, 403);
    expectProblem(byNobody, 401);
    expect(byLead.status).toBe(201);
  });

  it("given a deleted subscription, it and its address are gone", async () => {
    // given a subscription
    const hook = await created({ url: "http://127.0.0.1:9/" });

    // when it is deleted
    const res = await remove(hook.id);

    // then it answers 204 and the subscription is not found any more
    expect(res.status).toBe(204);
    expectProblem(await get(hook.id), 404);
    expectProblem(await remove(hook.id), 404);
    expectProblem(await get("not-an-id"), 404);
  });
});

describe("delivering the feed", () => {
  it("given commands, delivers each event once, in feed order, signed by the Standard Webhooks rules", async () => {
    // given a receiver for every type and one for replies only
    const everything = await receiver();
    const replies = await receiver();
    const hook = await created({ url: everything.url });
    const repliesHook = await created({ url: replies.url, types: ["ticket.reply_sent"] });
    dispatcher();

    // when tickets are created and answered
    await someChanges(3);
    const sent = await feed();
    await until(() => everything.received.length >= sent.length && replies.received.length >= 3);

    // then the first receiver got the feed itself, in order, each body as the feed serves it
    expect(bodies(everything)).toEqual(sent);
    expect(ids(everything)).toEqual(sent.map((e) => e.id));
    for (const request of everything.received) {
      expect(verify(hook.secret, request)).toEqual(JSON.parse(request.body));
      expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
      expect(request.headers["content-type"]).toBe("application/json");
    }
    // and the second only the replies, while its position passed over the rest
    expect(bodies(replies)).toEqual(sent.filter((e) => e.type === "ticket.reply_sent"));
    expect(() => verify(hook.secret, replies.received[0]!)).toThrow(); // its own secret only
    verify(repliesHook.secret, replies.received[0]!);
    await until(
      async () => ((await get(repliesHook.id)).body as Webhook).position === sent.at(-1)!.position,
    );
    const shown = (await get(hook.id)).body as Webhook;
    expect(shown).toMatchObject({
      position: sent.at(-1)!.position,
      behind: { events: 0, seconds: 0 },
    });
    expect(shown.lastDeliveredAt).not.toBeNull();
    expect(shown.attempts).toHaveLength(sent.length);
    expect(shown.attempts![0]).toMatchObject({ ok: true, status: 204, attempt: 1, error: null });
  });

  it("given a receiver that fails three times, retries the same event with the same webhook-id, then goes on in order", async () => {
    // given a receiver that answers 500 three times, then 200
    const flaky = await receiver();
    flaky.answer((n) => (n < 3 ? 500 : 200));
    const hook = await created({ url: flaky.url });
    dispatcher();

    // when two tickets are created
    await someChanges(2);
    const sent = await feed();
    await until(() => flaky.received.length >= sent.length + 3);

    // then the first event came four times, the same id and a valid signature each time
    expect(ids(flaky).slice(0, 4)).toEqual(Array(4).fill(sent[0]!.id));
    for (const request of flaky.received) verify(hook.secret, request);
    // and everything after it followed once, in order
    expect(bodies(flaky).slice(3)).toEqual(sent);
    // and the attempts say what happened, newest first
    await until(
      async () => ((await get(hook.id)).body as Webhook).position === sent.at(-1)!.position,
    );
    const shown = (await get(hook.id)).body as Webhook;
    const first = shown.attempts!.filter((a) => a.position === sent[0]!.position).reverse();
    expect(first.map((a) => [a.attempt, a.status, a.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 500, false],
      [4, 200, true],
    ]);
    expect(first[0]!.error).toBe("answered 500: receiver says no");
    expect(shown.retry).toBeNull();
  });

  it("given a receiver that hangs, times it out without delaying another subscription", async () => {
    // given one receiver that never answers and one that does
    const hanging = await receiver();
    hanging.answer(() => "hang");
    const healthy = await receiver();
    const stuck = await created({ url: hanging.url });
    await created({ url: healthy.url });
    dispatcher({ timeoutMs: 4_000 });

    // when a ticket is created
    await someChanges(1);
    const sent = await feed();

    // then the healthy receiver has every event while the hanging one still holds the first
    await until(() => healthy.received.length === sent.length);
    expect(hanging.open()).toBe(1);
    expect(bodies(healthy)).toEqual(sent);
    // and the hanging one is timed out and retried later
    await until(async () => ((await get(stuck.id)).body as Webhook).retry !== null);
    const shown = (await get(stuck.id)).body as Webhook;
    expect(shown.retry).toMatchObject({
      position: sent[0]!.position,
      attempts: 1,
      lastError: "no answer within 4000 ms",
    });
    expect(shown.attempts![0]).toMatchObject({ ok: false, status: null });
    expect(shown.attempts![0]!.durationMs).toBeGreaterThanOrEqual(3_900);
  });

  it("given redirects, does not follow them", async () => {
    // given a receiver that redirects to another one
    const target = await receiver();
    const redirecting = await receiver();
    redirecting.answer(() => ({ status: 302, location: target.url }));
    const hook = await created({ url: redirecting.url });
    dispatcher();

    // when an event is delivered
    await someChanges(1);
    await until(async () => ((await get(hook.id)).body as Webhook).retry !== null);

    // then it failed with the redirect named, and the target got nothing
    expect(((await get(hook.id)).body as Webhook).retry!.lastError).toBe(
      `redirect to ${target.url} not followed`,
    );
    expect(target.received).toHaveLength(0);
  });

  it("given failures past the give-up time, turns the subscription off and says why; on again, it retries", async () => {
    // given a receiver that always fails, and a desk that gives up after 300 ms
    const failing = await receiver();
    failing.answer(() => 503);
    const hook = await created({ url: failing.url });
    dispatcher({ retry: { scheduleMs: [100], giveUpMs: 300 } });

    // when an event keeps failing
    await someChanges(1);
    await until(async () => !((await get(hook.id)).body as Webhook).active);

    // then the subscription is off, with the reason
    const off = (await get(hook.id)).body as Webhook;
    expect(off.disabled!.reason).toMatch(
      /^Every delivery failed since .* attempts\); the last: answered 503/,
    );
    const tries = failing.received.length;
    expect(tries).toBeGreaterThanOrEqual(2);

    // when the receiver is mended and a lead turns the subscription on
    failing.answer(() => 200);
    const on = await patch(hook.id, { active: true });

    // then the reason is cleared and the same event is delivered
    expect(on.body).toMatchObject({ active: true, disabled: null, retry: null });
    await until(() => failing.received.length > tries);
    expect(failing.received[tries]!.headers["webhook-id"]).toBe(
      failing.received[0]!.headers["webhook-id"],
    );
  });

  it("given a rotated secret, signs with both for 24 hours", async () => {
    // given a subscription
    const r = await receiver();
    const hook = await created({ url: r.url });

    // when its secret is rotated
    const res = await patch(hook.id, { rotateSecret: true });
    const rotated = res.body as Created;
    dispatcher();
    await someChanges(1);
    await until(() => r.received.length > 0);

    // then the new secret is answered once, the old one expires in 24 hours
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    const expires = Date.parse(rotated.previousSecretExpiresAt!) - Date.now();
    expect(expires).toBeGreaterThan(23.9 * 3_600_000);
    expect(expires).toBeLessThanOrEqual(24 * 3_600_000);
    // and a delivery verifies with either, carrying two signatures
    const request = r.received[0]!;
    expect(String(request.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    verify(hook.secret, request);
    verify(rotated.secret, request);
    expect(JSON.stringify((await get(hook.id)).body)).not.toContain(rotated.secret.slice(6));
  });

  it("given a lead's redeliver and replay, sends the event again, then everything from a position or a time", async () => {
    // given a subscription that received everything
    const r = await receiver();
    const hook = await created({ url: r.url });
    dispatcher();
    await someChanges(2);
    const sent = await feed();
    await until(() => r.received.length === sent.length);

    // when one event is redelivered
    const again = await resend(hook.id, { position: sent[1]!.position });
    await until(() => r.received.length === sent.length + 1);

    // then it came again, the same id
    expect(again.status).toBe(202);
    expect(bodies(r).at(-1)).toEqual(sent[1]);

    // when the subscription is replayed from a position
    const replayed = await replayFrom(hook.id, { fromPosition: sent[2]!.position });
    expect(replayed.status).toBe(202);
    await until(() => r.received.length === sent.length + 1 + sent.length - 2);

    // then everything from there came again, in order
    expect(bodies(r).slice(sent.length + 1)).toEqual(sent.slice(2));

    // when replayed from a time before everything
    const before = r.received.length;
    await replayFrom(hook.id, { fromTime: "2000-01-01T00:00:00Z" });
    await until(() => r.received.length === before + sent.length);
    expect(bodies(r).slice(before)).toEqual(sent);

    // and a position the feed does not have is a problem
    expectProblem(await resend(hook.id, { position: 999_999 }), 400, "position");
    expectProblem(await replayFrom(hook.id, { from: 1 }), 400);
  });

  it("given two dispatchers (two projector processes), each event still goes out once, in order", async () => {
    // given one receiver and two dispatchers
    const r = await receiver();
    await created({ url: r.url });
    dispatcher();
    dispatcher();

    // when changes come in several rounds
    for (let round = 0; round < 3; round++) await someChanges(2);
    const sent = await feed();
    await until(() => r.received.length >= sent.length);

    // then the receiver saw the feed exactly once, in order
    expect(bodies(r)).toEqual(sent);
  });

  it("given a note on a ticket, the event carries what a consumer needs", async () => {
    // given a subscription to notes only
    const r = await receiver();
    await created({ url: r.url, types: ["ticket.note_added"] });
    dispatcher();
    const t = await create({ subject: "Printer", message: "Jammed." }, as("Gateway"));

    // when an agent adds a note
    await addNote(t.ticketId, { body: "Ordered a part." }, as("Aisha Khan"));
    await drainProjectionQueue();
    await until(() => r.received.length === 1);

    // then the delivery is the note, with its body and who wrote it
    expect(bodies(r)[0]).toMatchObject({
      type: "ticket.note_added",
      ticketId: t.ticketId,
      actor: { name: "Aisha Khan" },
      data: { body: "Ordered a part." },
    });
  });
});
