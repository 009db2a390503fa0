// Pushed delivery, measured on the running app: webhooks (delivery rate to one and to ten
// local receivers, and the lag from a command's answer to the receiver's 2xx while the lag run
// sends its steady commands) and Server-Sent Events (many clients on one app process: command
// answer → every client). Receivers and clients are in this process, on 127.0.0.1.
import { setTimeout as sleep } from "node:timers/promises";
import { percentile } from "./measure";
import { startReceiver, type Receiver } from "../server/testing/receiver";
import { SseReader } from "../server/testing/sse";

export interface WebhookRate {
  receivers: number;
  /** Deliveries in all (events × receivers). */
  deliveries: number;
  seconds: number;
  perSecond: number;
  /** Deliveries still missing when the wait ended. */
  missing: number;
}

export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** Expected and never seen within the wait. */
  missing: number;
}

export interface SseResult extends Latency {
  clients: number;
  events: number;
  connectSeconds: number;
  appPeakMB: number | null;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

interface Api {
  baseURL: string;
  token: string;
}

async function call(api: Api, method: string, path: string, body?: unknown) {
  const res = await fetch(`${api.baseURL}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 200)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** A subscription for a receiver, from the end of the feed; deleted by the returned function. */
async function subscribe(api: Api, receiver: Receiver) {
  const hook = await call(api, "POST", "/api/webhooks", {
    url: receiver.url,
    description: "bench",
  });
  const id = String(hook.id);
  return { id, remove: () => call(api, "DELETE", `/api/webhooks/${id}`) };
}

/**
 * The last `events` feed events replayed to `receivers` receivers at once: deliveries per second
 * from the replay until every receiver has them all (at most `timeoutMs`).
 */
export async function measureWebhookRate(
  api: Api,
  feedEnd: number,
  receivers: number,
  events: number,
  timeoutMs = 300_000,
): Promise<WebhookRate> {
  const count = Math.min(events, feedEnd);
  const started: Receiver[] = [];
  const removals: (() => Promise<unknown>)[] = [];
  try {
    for (let i = 0; i < receivers; i++) {
      const receiver = await startReceiver();
      started.push(receiver);
      removals.push((await subscribe(api, receiver)).remove);
    }
    const hooks = ((await call(api, "GET", "/api/webhooks")).items ?? []) as {
      id: string;
      url: string;
    }[];
    const ours = hooks.filter((h) => started.some((r) => r.url === h.url));
    const t0 = performance.now();
    await Promise.all(
      ours.map((h) =>
        call(api, "POST", `/api/webhooks/${h.id}/replay`, { fromPosition: feedEnd - count + 1 }),
      ),
    );
    const deadline = Date.now() + timeoutMs;
    const total = () => started.reduce((n, r) => n + Math.min(r.received.length, count), 0);
    while (total() < count * receivers && Date.now() < deadline) await sleep(50);
    const seconds = (performance.now() - t0) / 1000;
    const deliveries = total();
    return {
      receivers,
      deliveries,
      seconds: r1(seconds),
      perSecond: Math.round(deliveries / seconds),
      missing: count * receivers - deliveries,
    };
  } finally {
    for (const remove of removals) await remove().catch(() => undefined);
    await Promise.all(started.map((r) => r.close()));
  }
}

/**
 * A receiver subscribed while the lag run's commands go: `ack(id, at)` is told of each command
 * answered (id = `<ticketId>:<version>`, the webhook-id to come), and `finish()` gives the time
 * from each answer to the receiver's 2xx.
 */
export async function webhookLagProbe(api: Api) {
  const receiver = await startReceiver();
  const arrived = new Map<string, number>();
  receiver.answer((_, request) => {
    arrived.set(String(request.headers["webhook-id"]), performance.now());
    return 204;
  });
  const subscription = await subscribe(api, receiver);
  const acked = new Map<string, number>();
  return {
    ack: (id: string, at: number) => acked.set(id, at),
    finish: async (waitMs = 60_000): Promise<Latency> => {
      const deadline = Date.now() + waitMs;
      while ([...acked.keys()].some((id) => !arrived.has(id)) && Date.now() < deadline) {
        await sleep(100);
      }
      await subscription.remove().catch(() => undefined);
      await receiver.close();
      return latency(
        [...acked].map(([id, at]) => (arrived.has(id) ? arrived.get(id)! - at : null)),
      );
    },
  };
}

function latency(samples: (number | null)[]): Latency {
  const seen = samples.filter((s): s is number => s !== null).sort((a, b) => a - b);
  return {
    count: seen.length,
    p50: r1(percentile(seen, 0.5)),
    p99: r1(percentile(seen, 0.99)),
    max: r1(seen.at(-1) ?? 0),
    missing: samples.length - seen.length,
  };
}

/**
 * `clients` SSE connections to GET /api/events/stream on one app process, then `events` notes
 * at `rate`/s (open loop): for every note, the time from its command's answer to each client
 * reading it. `sampleMemory` is told to watch the app meanwhile and answers its peak.
 */
export async function measureSse(
  api: Api,
  options: {
    clients: number;
    events: number;
    rate: number;
    ticketIds: string[];
    watchMemory: () => { stop: () => { peak: number | null } } | null;
  },
): Promise<SseResult> {
  const memory = options.watchMemory();
  const t0 = performance.now();
  const controllers: AbortController[] = [];
  const readers = await Promise.all(
    Array.from({ length: options.clients }, async () => {
      const controller = new AbortController();
      controllers.push(controller);
      const res = await fetch(`${api.baseURL}/api/events/stream`, {
        headers: { authorization: `Bearer ${api.token}`, accept: "text/event-stream" },
        signal: controller.signal,
      });
      if (!res.ok || !res.body) throw new Error(`GET /api/events/stream → ${res.status}`);
      return new SseReader<{ id: string }>(res.body);
    }),
  );
  const connectSeconds = (performance.now() - t0) / 1000;
  // Each client reads all along, noting when each event id arrived.
  const seen = readers.map(() => new Map<string, number>());
  let reading = true;
  const loops = readers.map(async (reader, i) => {
    while (reading) {
      for (const m of await reader.take(1, 500)) seen[i]!.set(m.data.id, performance.now());
    }
  });
  const acked = new Map<string, number>();
  const sends: Promise<void>[] = [];
  const start = Date.now();
  for (let n = 0; n < options.events; n++) {
    const wait = start + (n * 1000) / options.rate - Date.now();
    if (wait > 0) await sleep(wait);
    const ticketId = options.ticketIds[n % options.ticketIds.length]!;
    sends.push(
      call(api, "POST", `/api/tickets/${ticketId}/notes`, { body: `SSE probe ${n}` })
        .then(
          (ack) =>
            void acked.set(`${String(ack.ticketId)}:${Number(ack.version)}`, performance.now()),
        )
        .catch(() => undefined),
    );
  }
  await Promise.all(sends);
  const deadline = Date.now() + 30_000;
  const complete = () => seen.every((m) => [...acked.keys()].every((id) => m.has(id)));
  while (!complete() && Date.now() < deadline) await sleep(100);
  reading = false;
  for (const c of controllers) c.abort();
  await Promise.allSettled(loops);
  await Promise.all(readers.map((r) => r.cancel()));
  const samples: (number | null)[] = [];
  for (const [id, at] of acked)
    for (const m of seen) samples.push(m.has(id) ? m.get(id)! - at : null);
  const peak = memory?.stop().peak ?? null;
  return {
    clients: options.clients,
    events: acked.size,
    connectSeconds: r1(connectSeconds),
    appPeakMB: peak === null ? null : Math.round(peak / 1024 / 1024),
    ...latency(samples),
  };
}
