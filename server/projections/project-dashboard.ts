import { ObjectId } from "mongodb";
import type { Collections } from "@/server/db/collections";
import { isDuplicateKey } from "@/server/db/errors";
import { insertMissing, insertOrUpsert } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { contribution, day } from "@/server/tickets/queries/dashboard/contribution";
import {
  SUMMARY_ID,
  VIEW_ID,
  inboxId,
  joinKeys,
  splitKeys,
  type Counts,
  type DashboardEntry,
  type DashboardInboxItem,
  type DashboardSummary,
  type PendingAggregation,
} from "@/server/tickets/queries/dashboard/documents";
import { toDashboard } from "@/server/tickets/queries/dashboard/view";
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
export async function recordContributions(cols: Collections, tickets: TicketDocument[]) {
  await insertMissing(cols.dashboardInbox, tickets.map(inboxItem));
}

/**
 * Takes everything in the inbox into the counters, batch by batch, exactly once; finishes first
 * whatever an earlier aggregation (here or in another process) left half done. Safe to run in
 * several processes at once. Returns how many inbox documents it took in.
 */
export async function aggregateDashboard(
  cols: Collections,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? AGGREGATE_BATCH;
  let taken = 0;
  for (;;) {
    const n = await aggregateOnce(cols, batchSize);
    if (n === 0) return taken;
    taken += n;
  }
}

async function aggregateOnce(cols: Collections, batchSize: number): Promise<number> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const summary = await readSummary(cols);
    if (summary.pending !== null) {
      await finish(cols, summary.seq, JSON.parse(summary.pending) as PendingAggregation);
      continue;
    }
    const items = await cols.dashboardInbox.find({}).limit(batchSize).toArray();
    if (items.length === 0) return 0;

    // What each ticket is counted with now, then every newer version of it, in order.
    const entries = new Map<string, { version: number; k: string }>();
    for (const chunk of chunks([...new Set(items.map((i) => i.ticketId.toHexString()))])) {
      const found = cols.dashboardEntries.find({
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
      await deleteInbox(cols, inbox);
      return items.length;
    }
    // Otherwise even a batch that changes no counter goes through the compare-and-set: its
    // entries must move in step with the counters, never alongside another aggregation.
    const changes = Object.entries(delta).filter(([, n]) => n !== 0);
    const counts = JSON.parse(summary.counts) as Counts;
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
    const written = await cols.dashboardSummary.updateOne(
      { _id: SUMMARY_ID, seq: summary.seq, pending: null },
      {
        $set: {
          seq: summary.seq + 1,
          pending: JSON.stringify(pending),
          ...(pending.counted ? { counts: JSON.stringify(counts), projectedAt: new Date() } : {}),
        },
      },
    );
    if (written.matchedCount !== 1) continue; // another aggregation went first: read again
    await finish(cols, summary.seq + 1, pending);
    return items.length;
  }
  throw new Error("dashboard: too much contention between aggregations");
}

async function readSummary(cols: Collections): Promise<DashboardSummary> {
  for (;;) {
    const summary = await cols.dashboardSummary.findOne({ _id: SUMMARY_ID });
    if (summary) return summary;
    try {
      await cols.dashboardSummary.insertOne({
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
async function finish(cols: Collections, seq: number, pending: PendingAggregation) {
  await writeEntries(
    cols,
    new Map(pending.entries.map(([id, version, k]) => [id, { version, k }])),
  );
  await deleteInbox(cols, pending.inbox);
  if (pending.counted) await refreshDashboardView(cols);
  await cols.dashboardSummary.updateOne(
    { _id: SUMMARY_ID, seq, pending: { $ne: null } },
    { $set: { pending: null } },
  );
}

/** Entries move forward only (version-guarded), so a repeated follow-up changes nothing. */
async function writeEntries(cols: Collections, moved: Map<string, { version: number; k: string }>) {
  const docs: DashboardEntry[] = [...moved].map(([id, e]) => ({
    _id: ObjectId.createFromHexString(id),
    version: e.version,
    k: e.k,
  }));
  await insertOrUpsert(cols.dashboardEntries, docs);
}

async function deleteInbox(cols: Collections, ids: string[]) {
  for (const chunk of chunks(ids)) await cols.dashboardInbox.deleteMany({ _id: { $in: chunk } });
}

/**
 * Writes the dashboard as served, from the summary as it is now, for today; a view of an older
 * sequence never replaces a newer one. The projector also calls this when the day changes.
 */
export async function refreshDashboardView(cols: Collections, now = new Date()) {
  const summary = await readSummary(cols);
  const view = {
    seq: summary.seq,
    day: day(now),
    dashboard: JSON.stringify(
      toDashboard(JSON.parse(summary.counts) as Counts, summary.projectedAt, now),
    ),
  };
  const written = await cols.dashboardViews.updateOne(
    {
      _id: VIEW_ID,
      $or: [{ seq: { $lt: view.seq } }, { seq: view.seq, day: { $lt: view.day } }],
    },
    { $set: view },
  );
  if (written.matchedCount === 1) return;
  try {
    await cols.dashboardViews.insertOne({ _id: VIEW_ID, ...view });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // there, and as new or newer
  }
}

/** Whether the view is for an earlier day than `now` (or missing): the projector refreshes it. */
export async function viewIsOutdated(cols: Collections, now = new Date()) {
  const view = await cols.dashboardViews.findOne({ _id: VIEW_ID }, { projection: { day: 1 } });
  return view === null || view.day < day(now);
}
