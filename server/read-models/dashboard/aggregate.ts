import { ObjectId } from "mongodb";
import { z } from "zod";
import type { ReadTarget } from "@/server/db/generations";
import { isDuplicateKey } from "@/server/db/errors";
import { insertMissing, insertOrUpsert } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { dashboardCollections } from "@/server/read-models/dashboard/collections";
import { contribution, day } from "@/server/read-models/dashboard/contribution";
import {
  SUMMARY_ID,
  VIEW_ID,
  inboxId,
  joinKeys,
  splitKeys,
  type DashboardEntry,
  type DashboardInboxItem,
  type DashboardSummary,
} from "@/server/read-models/dashboard/documents";
import {
  countsText,
  dashboardText,
  pendingText,
  type Counts,
  type PendingAggregation,
} from "@/server/read-models/dashboard/json-text";
import { toDashboard } from "@/server/read-models/dashboard/view";
import type { TicketDocument } from "@/server/tickets/write-model";

/** Compare-and-set attempts before an aggregation gives up (another one keeps winning). */
const MAX_ROUNDS = 50;
/** Inbox documents one aggregation takes in. */
const AGGREGATE_BATCH = 5_000;

/** A ticket version's contribution, as an inbox document (see documents.ts). */
export function inboxItem(ticket: TicketDocument): DashboardInboxItem {
  return {
    _id: inboxId(ticket._id, ticket.version),
    ticketId: ticket._id,
    version: ticket.version,
    k: joinKeys(contribution(ticket)),
  };
}

/**
 * Records the tickets' contributions for the dashboard: the projection's whole dashboard step.
 * A version recorded before (a replay, a retry) is already there and is left alone. The counters
 * change when an aggregation (aggregateDashboard) takes the inbox in.
 */
export async function recordContributions(target: ReadTarget, tickets: TicketDocument[]) {
  await insertMissing(dashboardCollections(target).inbox, tickets.map(inboxItem));
}

/**
 * Takes everything in the inbox into the counters, batch by batch, exactly once; finishes first
 * whatever an earlier aggregation (here or in another process) left half done. Safe to run in
 * several processes at once. Returns how many inbox documents it took in.
 */
export async function aggregateDashboard(
  target: ReadTarget,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? AGGREGATE_BATCH;
  let taken = 0;
  for (;;) {
    const n = await aggregateOnce(target, batchSize);
    if (n === 0) return taken;
    taken += n;
  }
}

async function aggregateOnce(target: ReadTarget, batchSize: number): Promise<number> {
  const cols = dashboardCollections(target);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const summary = await readSummary(target);
    if (summary.pending !== null) {
      await finish(target, summary.seq, z.decode(pendingText, summary.pending));
      continue;
    }
    const items = await cols.inbox.find({}).limit(batchSize).toArray();
    if (items.length === 0) return 0;

    // What each ticket is counted with now, then every newer version of it, in order.
    const entries = new Map<string, { version: number; k: string }>();
    for (const chunk of chunks([...new Set(items.map((i) => i.ticketId.toHexString()))])) {
      const found = cols.entries.find({
        _id: { $in: chunk.map((id) => ObjectId.createFromHexString(id)) },
      });
      for await (const e of found) entries.set(e._id.toHexString(), e);
    }
    const delta: Counts = {};
    const moved = new Map<string, { version: number; k: string }>();
    items.sort((a, b) => a.version - b.version);
    for (const item of items) {
      const id = item.ticketId.toHexString();
      const current = moved.get(id) ?? entries.get(id);
      if (current && current.version >= item.version) continue; // a replay or a late version
      // Moved forward even when the keys are the same: an older version of the ticket that is
      // still in the inbox (a later batch takes it in) must find itself stale.
      if (current?.k !== item.k) {
        for (const key of splitKeys(current?.k ?? "")) delta[key] = (delta[key] ?? 0) - 1;
        for (const key of splitKeys(item.k)) delta[key] = (delta[key] ?? 0) + 1;
      }
      moved.set(id, { version: item.version, k: item.k });
    }
    const inbox = items.map((i) => i._id);
    if (moved.size === 0) {
      // Only replays and late versions: an entry only ever moves forward, so these stay stale.
      await deleteInbox(target, inbox);
      return items.length;
    }
    // Otherwise even a batch that changes no counter goes through the compare-and-set: its
    // entries must move in step with the counters, never alongside another aggregation.
    const changes = Object.entries(delta).filter(([, n]) => n !== 0);
    const counts = z.decode(countsText, summary.counts);
    for (const [key, n] of changes) {
      const total = (counts[key] ?? 0) + n;
      if (total === 0) delete counts[key];
      else counts[key] = total;
    }
    const pending: PendingAggregation = {
      inbox,
      entries: [...moved].map(([id, e]) => [id, e.version, e.k]),
      counted: changes.length > 0,
    };
    const written = await cols.summary.updateOne(
      { _id: SUMMARY_ID, seq: summary.seq, pending: null },
      {
        $set: {
          seq: summary.seq + 1,
          pending: z.encode(pendingText, pending),
          ...(pending.counted
            ? { counts: z.encode(countsText, counts), projectedAt: new Date() }
            : {}),
        },
      },
    );
    if (written.matchedCount !== 1) continue; // another aggregation went first: read again
    await finish(target, summary.seq + 1, pending);
    return items.length;
  }
  throw new Error("dashboard: too much contention between aggregations");
}

async function readSummary(target: ReadTarget): Promise<DashboardSummary> {
  const cols = dashboardCollections(target);
  for (;;) {
    const summary = await cols.summary.findOne({ _id: SUMMARY_ID });
    if (summary) return summary;
    try {
      await cols.summary.insertOne({
        _id: SUMMARY_ID,
        seq: 0,
        counts: "{}",
        pending: null,
        projectedAt: null,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error; // created concurrently: read that one
    }
  }
}

/** The follow-up of the change at `seq`: idempotent, so any aggregation may run it, again. */
async function finish(target: ReadTarget, seq: number, pending: PendingAggregation) {
  await writeEntries(
    target,
    new Map(pending.entries.map(([id, version, k]) => [id, { version, k }])),
  );
  await deleteInbox(target, pending.inbox);
  if (pending.counted) await refreshDashboardView(target);
  await dashboardCollections(target).summary.updateOne(
    { _id: SUMMARY_ID, seq, pending: { $ne: null } },
    { $set: { pending: null } },
  );
}

/** Entries move forward only (version-guarded), so a repeated follow-up changes nothing. */
async function writeEntries(
  target: ReadTarget,
  moved: Map<string, { version: number; k: string }>,
) {
  const docs: DashboardEntry[] = [...moved].map(([id, e]) => ({
    _id: ObjectId.createFromHexString(id),
    version: e.version,
    k: e.k,
  }));
  await insertOrUpsert(dashboardCollections(target).entries, docs);
}

async function deleteInbox(target: ReadTarget, ids: string[]) {
  const { inbox } = dashboardCollections(target);
  for (const chunk of chunks(ids)) await inbox.deleteMany({ _id: { $in: chunk } });
}

/**
 * Writes the dashboard as served, from the summary as it is now, for today; a view of an older
 * sequence never replaces a newer one. The projector also calls this when the day changes.
 */
export async function refreshDashboardView(target: ReadTarget, now = new Date()) {
  const { views } = dashboardCollections(target);
  const summary = await readSummary(target);
  const view = {
    seq: summary.seq,
    day: day(now),
    dashboard: z.encode(
      dashboardText,
      toDashboard(z.decode(countsText, summary.counts), summary.projectedAt, now),
    ),
  };
  const written = await views.updateOne(
    {
      _id: VIEW_ID,
      $or: [{ seq: { $lt: view.seq } }, { seq: view.seq, day: { $lt: view.day } }],
    },
    { $set: view },
  );
  if (written.matchedCount === 1) return;
  try {
    await views.insertOne({ _id: VIEW_ID, ...view });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // there, and as new or newer
  }
}

/** Whether the view is for an earlier day than `now` (or missing): the projector refreshes it. */
export async function viewIsOutdated(target: ReadTarget, now = new Date()) {
  const view = await dashboardCollections(target).views.findOne(
    { _id: VIEW_ID },
    { projection: { day: 1 } },
  );
  return view === null || view.day < day(now);
}
