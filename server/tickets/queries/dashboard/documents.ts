import { createHash } from "node:crypto";
import type { ObjectId } from "mongodb";

/**
 * Exact dashboard counters without transactions, in two levels:
 *
 * 1. Buckets: every ticket belongs to one of BUCKETS bucket documents. A bucket holds, per
 *    ticket, the version and the counter keys it was counted with, and the counts of its
 *    tickets. The delta and its de-duplication entry are written in one update, filtered on
 *    the entry that was read, so a retry, a replay or an older version counts nothing twice.
 * 2. The summary: one small document with the totals of all buckets, and per bucket the
 *    revision those totals include. A bucket's change reaches it through the bucket's sync
 *    document, which records the pending delta first, so a crash at any point is finished by
 *    the next sync and the delta is applied exactly once.
 *
 * Reading the dashboard reads the summary only: one small document, whatever the desk's size.
 */
/**
 * A bucket holds an entry per ticket, and every projection of one of its tickets reads and
 * rewrites it whole on the embedded database: 1,024 keep that near 20 KB at 100,000 tickets.
 */
export const BUCKETS = 1024;
export const SUMMARY_ID = "summary";

export type Counts = Record<string, number>;

/** Bucket ids are strings ("b0042"): the embedded database reads a string `_id` directly. */
export type BucketId = `b${string}`;

export interface DashboardBucket {
  _id: BucketId;
  /** Bumped by every change to this bucket's counts. */
  rev: number;
  counts: Counts;
  /** ticket id (hex) → what it is counted with. */
  entries: Record<string, { v: number; k: string[] }>;
  projectedAt: Date;
}

export interface DashboardBucketSync {
  _id: BucketId;
  /** The bucket revision, and its counts, that the summary includes. */
  rev: number;
  counts: Counts;
  /** A sync in flight: recorded before the summary changes, cleared after. */
  pending: { from: number; to: number; counts: Counts; delta: Counts } | null;
}

export interface DashboardSummary {
  _id: typeof SUMMARY_ID;
  counts: Counts;
  /** bucket id → the bucket revision included in `counts`. */
  revs: Record<string, number>;
  projectedAt: Date;
}

export function bucketOf(ticketId: ObjectId): BucketId {
  const digest = createHash("sha1").update(ticketId.id).digest();
  return `b${String(digest.readUInt16BE(0) % BUCKETS).padStart(4, "0")}`;
}
