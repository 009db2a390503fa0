import type { Collections } from "@/server/db/collections";
import type { RebuildState } from "@/server/projections/documents";

export const HEARTBEAT_MS = 1_000;
/** A projector that has not written its heartbeat for this long is considered gone. */
const ALIVE_WINDOW_MS = 15_000;

interface DeadLetter {
  ticketId: string;
  attempts: number;
  lastError: string | null;
  since: string;
}

export interface ProjectionStatus {
  /** Tickets waiting to be projected (not parked). */
  pending: number;
  oldestPendingAgeMs: number | null;
  /** The worst recent lag among running projectors. */
  lagMs: { last: number | null; p50: number | null; p99: number | null };
  projectors: {
    id: string;
    host: string;
    pid: number;
    heartbeatAgeMs: number;
    projected: number;
  }[];
  lastError: { at: string; message: string; ticketId: string | null } | null;
  deadLetters: DeadLetter[];
  /** The generation of read models being served, and the last or current rebuild. */
  generation: number;
  rebuild: {
    generation: number;
    phase: "scanning" | "reconciling" | "done";
    processed: number;
    total: number;
    startedAt: string;
    updatedAt: string;
  } | null;
  asOf: string;
}

const max = (values: (number | null)[]) => {
  const present = values.filter((v): v is number => v !== null);
  return present.length > 0 ? Math.max(...present) : null;
};

/** Reads the queue (small by design) and the projectors' heartbeats; never the tickets. */
export async function projectionStatus(
  cols: Collections,
  now = new Date(),
): Promise<ProjectionStatus> {
  const [pending, oldest, dead, beats] = await Promise.all([
    cols.projectionQueue.countDocuments({ dead: false }),
    cols.projectionQueue
      .find({ dead: false }, { projection: { since: 1 } })
      .sort({ since: 1 })
      .limit(1)
      .toArray(),
    cols.projectionQueue.find({ dead: true }).sort({ since: 1 }).limit(100).toArray(),
    cols.projectorStatus
      .find({ heartbeatAt: { $gte: new Date(now.getTime() - ALIVE_WINDOW_MS) } })
      .toArray(),
  ]);
  const rebuild = await cols.registry.db
    .collection<RebuildState>(cols.registry.collectionName)
    .findOne({ _id: "rebuild" });
  const errors = (await cols.projectorStatus.find({ lastError: { $ne: null } }).toArray())
    .map((s) => s.lastError)
    .filter((e) => e !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const lastError = errors[0];
  return {
    pending,
    oldestPendingAgeMs: oldest[0] ? Math.max(0, now.getTime() - oldest[0].since.getTime()) : null,
    lagMs: {
      last: max(beats.map((b) => b.lagMs.last)),
      p50: max(beats.map((b) => b.lagMs.p50)),
      p99: max(beats.map((b) => b.lagMs.p99)),
    },
    projectors: beats.map((b) => ({
      id: b._id,
      host: b.host,
      pid: b.pid,
      heartbeatAgeMs: now.getTime() - b.heartbeatAt.getTime(),
      projected: b.projected,
    })),
    lastError: lastError ? { ...lastError, at: lastError.at.toISOString() } : null,
    deadLetters: dead.map((d) => ({
      ticketId: d._id.toHexString(),
      attempts: d.attempts,
      lastError: d.lastError,
      since: d.since.toISOString(),
    })),
    generation: cols.generation,
    rebuild: rebuild
      ? {
          generation: rebuild.generation,
          phase: rebuild.phase,
          processed: rebuild.processed,
          total: rebuild.total,
          startedAt: rebuild.startedAt.toISOString(),
          updatedAt: rebuild.updatedAt.toISOString(),
        }
      : null,
    asOf: now.toISOString(),
  };
}
