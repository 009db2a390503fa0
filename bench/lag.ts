// Projection lag under a steady command load: commands sent at a fixed rate (open loop: a slow
// answer does not slow the sender), and for each acknowledged command the time from its response
// to the moment both ticket read models hold its version, read with the driver by `_id`.
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "mongodb";
import { ObjectId } from "mongodb";
import { COLLECTIONS } from "../server/db/collections";
import { readModelName } from "../server/db/generations";
import { TICKET_DETAIL } from "../server/read-models/ticket-detail/collections";
import { TICKET_LIST } from "../server/read-models/ticket-list/collections";
import { percentile } from "./measure";
import { MESSAGE } from "./operations";

export interface LagResult {
  rate: number;
  seconds: number;
  sent: number;
  acknowledged: number;
  failed: number;
  /** Commands whose read models had not caught up when the run ended (counted as unfinished). */
  unfinished: number;
  commandP50: number;
  commandP99: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
  /** projection_queue entries sampled every 500 ms: the pending backlog over time. */
  backlog: { t: number; pending: number }[];
  backlogMax: number;
}

const PROBE_EVERY_MS = 15;

export async function measureLag(options: {
  baseURL: string;
  token: string;
  db: Db;
  /** Open tickets the status and note commands use (each status command flips one). */
  pool: string[];
  rate: number;
  seconds: number;
  /** Told of each acknowledged command (`<ticketId>:<version>`, its answer's time). */
  onAck?: (eventId: string, at: number) => void;
}): Promise<LagResult> {
  const { db, baseURL, token, pool, rate, seconds } = options;
  const active = await db
    .collection<{ _id: string; generation: number }>(COLLECTIONS.registry)
    .findOne({ _id: "active" });
  const generation = active?.generation ?? 0;
  const list = db.collection<{ version: number }>(readModelName(TICKET_LIST, generation));
  const detail = db.collection<{ version: number }>(readModelName(TICKET_DETAIL, generation));
  const queue = db.collection(COLLECTIONS.projectionQueue);

  const commandMs: number[] = [];
  const lags: number[] = [];
  let failed = 0;
  let unfinished = 0;
  let sent = 0;
  const flipped = new Map<string, boolean>();
  const started = Date.now();
  const endAt = started + seconds * 1000;

  const backlog: { t: number; pending: number }[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const t = Date.now() - started;
      const pending = await queue.countDocuments({ dead: false });
      backlog.push({ t, pending });
      await sleep(500);
    }
  })();

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseURL}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { ticketId?: string; version?: number };
    if (!res.ok || !json.ticketId || !json.version) throw new Error(`${path} → ${res.status}`);
    return { ticketId: json.ticketId, version: json.version };
  };

  const one = async (n: number) => {
    const id = pool[n % pool.length]!;
    const sentAt = performance.now();
    let ack: { ticketId: string; version: number };
    try {
      if (n % 3 === 0) {
        ack = await post("/api/tickets", {
          subject: `Lag probe ${n}`,
          message: `${MESSAGE} (Lag probe ${n}.)`,
        });
      } else if (n % 3 === 1) {
        const toTriaged = !flipped.get(id);
        flipped.set(id, toTriaged);
        ack = await post(`/api/tickets/${id}/status`, { status: toTriaged ? "triaged" : "open" });
      } else {
        ack = await post(`/api/tickets/${id}/notes`, { body: `Lag probe note ${n}.` });
      }
    } catch {
      failed++;
      return;
    }
    const ackAt = performance.now();
    commandMs.push(ackAt - sentAt);
    options.onAck?.(`${ack.ticketId}:${ack.version}`, ackAt);
    pending.push({
      _id: new ObjectId(ack.ticketId),
      version: ack.version,
      ackAt,
      list: false,
      detail: false,
    });
  };

  // One probe worker reads one pending command's read model by `_id` (the only cheap query on
  // the embedded database) every PROBE_EVERY_MS, round robin: a bounded extra load (well under
  // 100 reads/s) that does not grow with the backlog, so the measurement does not cause the lag
  // it measures. The price is resolution: about PROBE_EVERY_MS × the commands still pending.
  interface Probe {
    _id: ObjectId;
    version: number;
    ackAt: number;
    list: boolean;
    detail: boolean;
  }
  const pending: Probe[] = [];
  let probing = true;
  const worker = async () => {
    while (probing || pending.length > 0) {
      const probe = pending.shift();
      if (!probe) {
        await sleep(PROBE_EVERY_MS);
        continue;
      }
      // The detail first; the list row only once the detail has caught up: one read per probe.
      const reached = async (read: typeof list) =>
        ((await read.findOne({ _id: probe._id }, { projection: { version: 1 } }))?.version ?? 0) >=
        probe.version;
      if (!probe.detail) probe.detail = await reached(detail);
      if (probe.detail && !probe.list) probe.list = await reached(list);
      const now = performance.now();
      if (probe.list && probe.detail) lags.push(now - probe.ackAt);
      else if (now - probe.ackAt > 30_000) unfinished++;
      else pending.push(probe);
      await sleep(PROBE_EVERY_MS);
    }
  };
  const workers = [worker()];

  const inFlight: Promise<void>[] = [];
  const interval = 1000 / rate;
  for (let n = 0; Date.now() < endAt; n++) {
    const due = started + n * interval;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    sent++;
    inFlight.push(one(n));
  }
  await Promise.all(inFlight);
  probing = false;
  await Promise.all(workers);
  sampling = false;
  await sampler;

  commandMs.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    rate,
    seconds,
    sent,
    acknowledged: commandMs.length,
    failed,
    unfinished,
    commandP50: r(percentile(commandMs, 0.5)),
    commandP99: r(percentile(commandMs, 0.99)),
    lagP50: r(percentile(lags, 0.5)),
    lagP99: r(percentile(lags, 0.99)),
    lagMax: r(lags.at(-1) ?? 0),
    backlog,
    backlogMax: Math.max(0, ...backlog.map((b) => b.pending)),
  };
}
