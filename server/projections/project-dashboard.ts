import type { Collections } from "@/server/db/collections";
import { isDuplicateKey } from "@/server/db/errors";
import { contribution } from "@/server/tickets/queries/dashboard/contribution";
import {
  SUMMARY_ID,
  bucketOf,
  type BucketId,
  type Counts,
  type DashboardBucketSync,
} from "@/server/tickets/queries/dashboard/documents";
import type { TicketDocument } from "@/server/tickets/write-model";

const MAX_ROUNDS = 50;

/**
 * Counts one ticket's version into the dashboard, exactly once, then brings the summary up to
 * date with its bucket. Safe to repeat, to run out of order and to run in several projectors.
 */
export async function projectDashboard(cols: Collections, ticket: TicketDocument, now: Date) {
  const bucket = bucketOf(ticket._id);
  await countIntoBucket(cols, bucket, ticket, now);
  await syncBucket(cols, bucket, now);
}

async function ensure<T>(create: () => Promise<T>) {
  try {
    await create();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error; // created concurrently: fine
  }
}

async function countIntoBucket(cols: Collections, b: BucketId, ticket: TicketDocument, now: Date) {
  const id = ticket._id.toHexString();
  const next = contribution(ticket);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const doc = await cols.dashboardBuckets.findOne(
      { _id: b },
      { projection: { [`entries.${id}`]: 1 } },
    );
    if (!doc) {
      await ensure(() =>
        cols.dashboardBuckets.insertOne({
          _id: b,
          rev: 0,
          counts: {},
          entries: {},
          projectedAt: now,
        }),
      );
      continue;
    }
    const entry = doc.entries?.[id];
    if (entry && entry.v >= ticket.version) return; // already counted at this or a newer version

    const delta = difference(entry?.k ?? [], next);
    const inc: Record<string, number> = { rev: 1 };
    for (const [key, change] of Object.entries(delta)) inc[`counts.${key}`] = change;
    const written = await cols.dashboardBuckets.updateOne(
      // Filter on the entry we read: if another projector moved it, read again and recompute.
      {
        _id: b,
        ...(entry ? { [`entries.${id}.v`]: entry.v } : { [`entries.${id}`]: { $exists: false } }),
      },
      { $inc: inc, $set: { [`entries.${id}`]: { v: ticket.version, k: next }, projectedAt: now } },
    );
    if (written.matchedCount === 1) return;
  }
  throw new Error(`dashboard bucket ${b}: too much contention for ticket ${id}`);
}

/**
 * Every bucket's changes into the summary: after a crash, whatever a bucket had not moved. Two
 * reads find the buckets that are ahead of their sync (or have one unfinished); only those sync.
 */
export async function syncAllBuckets(cols: Collections, now: Date) {
  const syncs = new Map(
    (await cols.dashboardSyncs.find({}, { projection: { rev: 1, pending: 1 } }).toArray()).map(
      (sync) => [sync._id, sync],
    ),
  );
  for await (const bucket of cols.dashboardBuckets.find({}, { projection: { rev: 1 } })) {
    const sync = syncs.get(bucket._id);
    if (sync && sync.pending === null && sync.rev >= bucket.rev) continue;
    await syncBucket(cols, bucket._id, now);
  }
}

/** Moves a bucket's changes into the summary, through a pending record (see documents.ts). */
export async function syncBucket(cols: Collections, b: BucketId, now: Date) {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const sync = await cols.dashboardSyncs.findOne({ _id: b });
    if (!sync) {
      await ensure(() =>
        cols.dashboardSyncs.insertOne({ _id: b, rev: 0, counts: {}, pending: null }),
      );
      continue;
    }
    if (sync.pending) {
      await finish(cols, b, sync.pending, now);
      continue;
    }
    const bucket = await cols.dashboardBuckets.findOne(
      { _id: b },
      { projection: { rev: 1, counts: 1 } },
    );
    if (!bucket || bucket.rev <= sync.rev) return; // the summary has everything this bucket has

    const pending: NonNullable<DashboardBucketSync["pending"]> = {
      from: sync.rev,
      to: bucket.rev,
      counts: bucket.counts,
      delta: countsDelta(sync.counts, bucket.counts),
    };
    const started = await cols.dashboardSyncs.updateOne(
      { _id: b, rev: sync.rev, pending: null },
      { $set: { pending } },
    );
    if (started.matchedCount === 1) await finish(cols, b, pending, now);
  }
}

async function finish(
  cols: Collections,
  b: BucketId,
  pending: NonNullable<DashboardBucketSync["pending"]>,
  now: Date,
) {
  const revField = `revs.${b}`;
  const inc: Record<string, number> = { [revField]: pending.to - pending.from };
  for (const [key, change] of Object.entries(pending.delta)) inc[`counts.${key}`] = change;
  // Applies only if the summary still includes exactly `from` for this bucket; if it already
  // includes `to`, an earlier attempt applied it and this one must not.
  const apply = () =>
    cols.dashboardSummary.updateOne(
      { _id: SUMMARY_ID, [revField]: pending.from === 0 ? { $exists: false } : pending.from },
      { $inc: inc, $set: { projectedAt: now } },
    );
  const applied = await apply();
  if (applied.matchedCount === 0) {
    // Either applied before, or there was no summary yet. Make sure it exists and apply again:
    // the revision filter makes a second apply a no-op if the first one (ours or another
    // projector's) already went through. Concluding "applied before" just because the summary
    // exists now would drop this delta when another projector created it a moment ago.
    const exists = await cols.dashboardSummary.findOne(
      { _id: SUMMARY_ID },
      { projection: { _id: 1 } },
    );
    if (!exists) {
      await ensure(() =>
        cols.dashboardSummary.insertOne({
          _id: SUMMARY_ID,
          counts: {},
          revs: {},
          projectedAt: now,
        }),
      );
    }
    await apply();
  }
  await cols.dashboardSyncs.updateOne(
    { _id: b, "pending.to": pending.to },
    { $set: { rev: pending.to, counts: pending.counts, pending: null } },
  );
}

/** −1 for every key only in `before`, +1 for every key only in `after`. */
export function difference(before: string[], after: string[]): Counts {
  const delta: Counts = {};
  for (const key of before) delta[key] = (delta[key] ?? 0) - 1;
  for (const key of after) delta[key] = (delta[key] ?? 0) + 1;
  for (const key of Object.keys(delta)) if (delta[key] === 0) delete delta[key];
  return delta;
}

function countsDelta(before: Counts, after: Counts): Counts {
  const delta: Counts = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const change = (after[key] ?? 0) - (before[key] ?? 0);
    if (change !== 0) delta[key] = change;
  }
  return delta;
}
