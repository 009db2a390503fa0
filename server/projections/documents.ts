// The projector's own documents: types only, so the collection registry
// (server/db/collections.ts) can name them without importing the projector.
import type { ObjectId } from "mongodb";

/**
 * The projection queue is an index of the tickets whose projection is owed, kept small so the
 * poller never scans the ticket collection (on the embedded database only `_id` lookups are
 * cheap). The ticket's own `dirtySince` marker stays the source of truth; the sweeper rebuilds
 * queue entries from it if a process died between the ticket write and the enqueue.
 */
export interface QueueEntry {
  _id: ObjectId; // the ticket id
  /** Bumped by every enqueue; the projector deletes the entry only if it did not move. */
  n: number;
  since: Date;
  /** Claimable when in the past. Claiming sets it forward: the lease. */
  leaseUntil: Date;
  owner: string | null;
  attempts: number;
  lastError: string | null;
  /** Parked after too many failures; shown as a dead letter until retried. */
  dead: boolean;
}

/** One document per projector process, written about once a second: its heartbeat and lag. */
export interface ProjectorStatusDocument {
  _id: string; // the projector's owner id
  host: string;
  pid: number;
  startedAt: Date;
  heartbeatAt: Date;
  /** Tickets projected since start. */
  projected: number;
  /** Time from a command's write to its read models being written, over the last 200 projections. */
  lagMs: { last: number | null; p50: number | null; p99: number | null };
  lastError: { at: Date; message: string; ticketId: string | null } | null;
}

/** The rebuild's checkpoint, in the registry next to the "active" document. */
export interface RebuildState {
  _id: "rebuild";
  /** The generation being built, and the one that was active when it started. */
  generation: number;
  from: number;
  phase: "scanning" | "reconciling" | "done";
  processed: number;
  total: number;
  startedAt: Date;
  updatedAt: Date;
  switchedAt: Date | null;
  reconciled: number;
  /** Only one rebuild at a time: the lease is renewed at every checkpoint. */
  owner: string;
  leaseUntil: Date;
}

export interface RegistryDocument {
  _id: "active";
  generation: number;
  switchedAt: Date;
  /** READ_MODEL_SCHEMA of the generation; absent: 1. */
  schema?: number;
}
