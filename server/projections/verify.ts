import { createHash } from "node:crypto";
import { ObjectId } from "mongodb";
import type { Collections } from "@/server/db/collections";
import { SUMMARY_ID, VIEW_ID } from "@/server/tickets/queries/dashboard/documents";
import { toDashboard } from "@/server/tickets/queries/dashboard/view";
import { nonZero, recountDashboard } from "@/server/tickets/queries/dashboard/recount";
import { toTicketDetailDocument } from "@/server/tickets/queries/ticket-detail/document";
import { toTicketListDocument } from "@/server/tickets/queries/ticket-list/document";
import { listKeysOf } from "@/server/tickets/queries/ticket-list/keys";

export interface Drift {
  readModel: "ticket_list" | "ticket_detail" | "dashboard";
  kind: "missing" | "stale" | "wrong" | "extra" | "count";
  ticketId?: string;
  detail: string;
}

export interface VerifyReport {
  /** Tickets in the write model, each compared with its read documents. */
  tickets: number;
  /** Tickets still marked dirty after the wait; their out-of-date read documents count as drift. */
  pending: number;
  drift: Drift[];
}

const BATCH_SIZE = 1_000;
const POLL_MS = 200;
const PROGRESS_EVERY = 500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What is kept per read document: enough to classify it, small enough for millions of them. */
interface Seen {
  version: number;
  fingerprint: string;
}

/**
 * A JSON-ready copy in which equal documents are equal strings whatever their key order, or
 * whether they came from the database or from a projection function.
 */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof ObjectId) return value.toHexString();
  // The driver stores an undefined field as null, so both must fingerprint the same.
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([key]) => key !== "projectedAt")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, field]) => [key, canonical(field)]));
  }
  return value;
}

/**
 * sha1 of the canonical JSON, without `projectedAt` (when a document was projected is not part
 * of what it says). Base64 rather than hex keeps each kept fingerprint 12 characters shorter.
 */
function fingerprint(doc: object): string {
  return createHash("sha1")
    .update(JSON.stringify(canonical(doc)))
    .digest("base64");
}

/** Streams a read model into id → fingerprint; whole documents are never held. */
async function fingerprints(
  cursor: AsyncIterable<{ _id: ObjectId; version: number }>,
): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>();
  for await (const doc of cursor) {
    seen.set(doc._id.toHexString(), { version: doc.version, fingerprint: fingerprint(doc) });
  }
  return seen;
}

/** Waits until nothing but parked dead letters is left in the queue, or the time is up. */
async function waitForQueue(cols: Collections, waitMs: number) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    // Looks for one live entry rather than counting: the answer is yes or no.
    // A drained queue, then a dashboard that took in what the projections recorded.
    const live =
      (await cols.projectionQueue.findOne({ dead: { $ne: true } }, { projection: { _id: 1 } })) ??
      (await cols.dashboardInbox.findOne({}, { projection: { _id: 1 } })) ??
      (await cols.dashboardSummary.findOne(
        { _id: SUMMARY_ID, pending: { $ne: null } },
        { projection: { _id: 1 } },
      ));
    const left = deadline - Date.now();
    if (!live || left <= 0) return;
    await sleep(Math.min(POLL_MS, left));
  }
}

/**
 * Recomputes every read model from the write model and reports where they differ. It reads the
 * database only (it repairs nothing) and streams every collection, keeping one fingerprint per
 * read document in memory. Documents of tickets written while it runs may show as drift: run it
 * when the writes have settled, or give the queue time to drain with `waitForQueueMs`.
 */
export async function verifyProjections(
  cols: Collections,
  options: { waitForQueueMs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<VerifyReport> {
  await waitForQueue(cols, options.waitForQueueMs ?? 30_000);
  const pending = await cols.tickets.countDocuments({ dirtySince: { $ne: null } });

  // The read models first, then the tickets. A read document never gets ahead of its ticket, so
  // a ticket written while this runs can only show as missing or stale (transient), while
  // "wrong" and "extra" always mean a read model that really disagrees with the write model.
  const list = await fingerprints(cols.ticketList.find({}, { batchSize: BATCH_SIZE }));
  const detail = await fingerprints(cols.ticketDetail.find({}, { batchSize: BATCH_SIZE }));

  const drift: Drift[] = [];
  const compare = (
    readModel: "ticket_list" | "ticket_detail",
    stored: Map<string, Seen>,
    ticketId: string,
    expected: { version: number },
  ) => {
    const found = stored.get(ticketId);
    stored.delete(ticketId);
    const version = expected.version;
    if (found?.version === version && found.fingerprint === fingerprint(expected)) return true;
    if (!found) {
      drift.push({
        readModel,
        kind: "missing",
        ticketId,
        detail: `no document; the write model is at version ${version}`,
      });
    } else if (found.version < version) {
      drift.push({
        readModel,
        kind: "stale",
        ticketId,
        detail: `at version ${found.version}; the write model is at version ${version}`,
      });
    } else if (found.version > version) {
      drift.push({
        readModel,
        kind: "wrong",
        ticketId,
        detail: `at version ${found.version}, ahead of the write model at version ${version}`,
      });
    } else if (found.fingerprint !== fingerprint(expected)) {
      drift.push({
        readModel,
        kind: "wrong",
        ticketId,
        detail: `version ${version} differs from what the write model projects`,
      });
    }
    return false;
  };

  // The list's keys, for rows that are right: each must be there (keys.ts). Checked a batch at
  // a time with one `_id $in` read, so nothing per ticket is kept.
  let owedKeys: { ticketId: string; key: string }[] = [];
  const checkKeys = async () => {
    const found = new Set(
      (
        await cols.ticketListKeys
          .find({ _id: { $in: owedKeys.map((k) => k.key) } }, { projection: { _id: 1 } })
          .toArray()
      ).map((k) => k._id),
    );
    for (const { ticketId, key } of owedKeys) {
      if (found.has(key)) continue;
      drift.push({
        readModel: "ticket_list",
        kind: "missing",
        ticketId,
        detail: `no list key ${key}`,
      });
    }
    owedKeys = [];
  };

  // Only for progress. Not estimatedDocumentCount: its `count` command crashes the embedded
  // FerretDB 1.24 (nil pointer), which closes the connection.
  const total = await cols.tickets.countDocuments({});
  let tickets = 0;
  // Any date will do: projectedAt is left out of every fingerprint.
  const projectedAt = new Date(0);
  for await (const ticket of cols.tickets.find({}, { batchSize: BATCH_SIZE })) {
    const id = ticket._id.toHexString();
    const row = toTicketListDocument(ticket, projectedAt);
    if (compare("ticket_list", list, id, row)) {
      for (const key of listKeysOf(row)) owedKeys.push({ ticketId: id, key });
      if (owedKeys.length >= BATCH_SIZE) await checkKeys();
    }
    compare("ticket_detail", detail, id, toTicketDetailDocument(ticket, projectedAt));
    tickets++;
    if (tickets % PROGRESS_EVERY === 0) options.onProgress?.(tickets, Math.max(total, tickets));
  }
  await checkKeys();
  options.onProgress?.(tickets, tickets);

  for (const [readModel, left] of [
    ["ticket_list", list],
    ["ticket_detail", detail],
  ] as const) {
    for (const ticketId of left.keys()) {
      drift.push({
        readModel,
        kind: "extra",
        ticketId,
        detail: "no ticket with this id in the write model",
      });
    }
  }

  drift.push(...(await verifyDashboard(cols)));
  return { tickets, pending, drift };
}

/** The counters against a recount, and what the aggregations have left undone. */
async function verifyDashboard(cols: Collections): Promise<Drift[]> {
  const drift: Drift[] = [];
  const expected = nonZero(await recountDashboard(cols));
  const summary = await cols.dashboardSummary.findOne({ _id: SUMMARY_ID });
  const found = nonZero(summary ? (JSON.parse(summary.counts) as Record<string, number>) : {});
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
  for (const key of keys) {
    if ((expected[key] ?? 0) === (found[key] ?? 0)) continue;
    drift.push({
      readModel: "dashboard",
      kind: "count",
      detail: `${key}: expected ${expected[key] ?? 0}, found ${found[key] ?? 0}`,
    });
  }
  // Once the queue has drained, nothing is left to take these in until the next write.
  const waiting = await cols.dashboardInbox.countDocuments({});
  if (waiting > 0) {
    drift.push({
      readModel: "dashboard",
      kind: "stale",
      detail: `${waiting} recorded contributions were not taken into the counters`,
    });
  }
  if (summary?.pending) {
    drift.push({
      readModel: "dashboard",
      kind: "wrong",
      detail: `the follow-up of change ${summary.seq} (entries, inbox) was not finished`,
    });
  }
  // The view must say what the counters say (for the day it was made for).
  const view = await cols.dashboardViews.findOne({ _id: VIEW_ID });
  if (summary && Object.keys(found).length > 0) {
    const shown = view ? JSON.stringify(canonical(JSON.parse(view.dashboard))) : null;
    const counted = view
      ? JSON.stringify(canonical(toDashboard(found, summary.projectedAt, dayNoon(view.day))))
      : "";
    if (shown !== counted) {
      drift.push({
        readModel: "dashboard",
        kind: "stale",
        detail: view
          ? `the view (change ${view.seq}) does not show the counters (change ${summary.seq})`
          : "there is no view of the counters",
      });
    }
  }
  return drift;
}

const dayNoon = (day: string) => new Date(`${day}T12:00:00Z`);
