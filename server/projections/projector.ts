import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { ObjectId } from "mongodb";
import { isTransientDatabaseError, OperationStuckError } from "@/server/db/errors";
import { collections, type Collections } from "@/server/db/collections";
import { claimEntry, failEntry, releaseEntry } from "@/server/projections/lease";
import type { TicketDocument } from "@/server/tickets/write-model";
import { maintainReadModels, projectTicket, settleReadModels } from "@/server/projections/project";
import { EPOCH, enqueue } from "@/server/projections/queue";
import { HEARTBEAT_MS } from "@/server/projections/status";
import { ensureFollowUpLinked } from "@/server/tickets/commands/ensure-follow-up-linked";

export interface ProjectorOptions {
  /** Told whether each round reached the database, so a stuck client can be replaced. */
  onDatabaseOutcome?: (ok: boolean) => void;
  /** Connects (or reconnects) lazily, so a projector outlives a database restart. */
  collections: () => Promise<Collections>;
  delayMs?: number;
  pollMs?: number;
  leaseMs?: number;
  /** Failures of one ticket before it is parked as a dead letter. */
  maxAttempts?: number;
  /** Projections in flight at once (default 4). */
  concurrency?: number;
  /** How often to rebuild lost queue entries from the tickets' own markers. */
  sweepEveryMs?: number;
  /**
   * Under a steady stream of projections, the read models settle what projections left for
   * later (the dashboard takes them in) at most this often; when the queue runs dry, at once.
   * Default 250 ms.
   */
  aggregateEveryMs?: number;
  log?: (message: string) => void;
}

/**
 * Rejects if `work` has not settled in time. We saw a driver call on a connection the server
 * closed mid-command never settle, which would stall the loop for good; abandoning it is safe
 * here because a claim simply expires and is taken again.
 */
function settleWithin<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new OperationStuckError(`${what} did not finish in ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([work, stuck]).finally(() => clearTimeout(timer));
}

/**
 * Claims queued tickets with a lease, projects them with version guards, and releases them only
 * if nothing new was written meanwhile. At-least-once and idempotent; see docs/projections.md.
 */
export class Projector {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private nudged = false;
  private readonly delayMs: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly sweepEveryMs: number;
  private readonly concurrency: number;
  private readonly aggregateEveryMs: number;
  /** Projections were recorded in the dashboard's inbox since the last aggregation. */
  private owesAggregation = false;
  private lastAggregation = 0;
  private readonly log: (message: string) => void;
  private readonly startedAt = new Date();
  private projected = 0;
  private lags: number[] = [];
  private lastError: { at: Date; message: string; ticketId: string | null } | null = null;
  private nextHeartbeat = 0;
  private sweeping: Promise<void> | undefined;

  constructor(private readonly options: ProjectorOptions) {
    this.delayMs = options.delayMs ?? 0;
    this.pollMs = options.pollMs ?? 250;
    this.leaseMs = Math.max(options.leaseMs ?? 30_000, this.delayMs + 10_000);
    this.maxAttempts = options.maxAttempts ?? 8;
    this.sweepEveryMs = options.sweepEveryMs ?? 5 * 60_000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.aggregateEveryMs = options.aggregateEveryMs ?? 250;
    this.log = options.log ?? ((message) => console.log(`[projector] ${message}`));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.sweeping;
    try {
      await (await this.options.collections()).projectorStatus.deleteOne({ _id: this.owner });
    } catch {
      // the heartbeat simply ages out
    }
  }

  /** Writes this projector's heartbeat and lag figures, at most once per HEARTBEAT_MS. */
  private async heartbeat(cols: Collections) {
    const now = Date.now();
    if (now < this.nextHeartbeat) return;
    this.nextHeartbeat = now + HEARTBEAT_MS;
    const sorted = [...this.lags].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted.length > 0
        ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
        : null;
    await cols.projectorStatus.updateOne(
      { _id: this.owner },
      {
        $set: {
          host: hostname(),
          pid: process.pid,
          startedAt: this.startedAt,
          heartbeatAt: new Date(now),
          projected: this.projected,
          lagMs: { last: this.lags.at(-1) ?? null, p50: at(0.5), p99: at(0.99) },
          lastError: this.lastError,
        },
      },
      { upsert: true },
    );
  }

  private recordLag(ticket: Pick<TicketDocument, "updatedAt" | "history">, projectedAt: Date) {
    this.projected++;
    // The last write's time: an SLA warning or breach writes a version without moving
    // updatedAt (the list order), so updatedAt alone would count its age as lag.
    const wroteAt = Math.max(ticket.updatedAt.getTime(), ticket.history.at(-1)?.at.getTime() ?? 0);
    // Only writes made while this projector runs measure its lag; a backlog from before it
    // started shows up as the age of the oldest pending ticket instead.
    if (wroteAt < this.startedAt.getTime() - 60_000) return;
    this.lags.push(Math.max(0, projectedAt.getTime() - wroteAt));
    if (this.lags.length > 200) this.lags.shift();
  }

  /** Work is waiting: skip the rest of the idle wait. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  private async idle(ms: number) {
    if (this.nudged || !this.running) {
      this.nudged = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
    this.nudged = false;
  }

  private async run() {
    let nextSweep = 0;
    let failures = 0;
    while (this.running) {
      try {
        const cols = await settleWithin(this.options.collections(), 30_000, "connecting");
        if (Date.now() >= nextSweep && !this.sweeping) {
          // In the background: on a big desk the sweep reads every ticket (the embedded database
          // cannot use the marker's index), and projections must not wait for it.
          nextSweep = Date.now() + this.sweepEveryMs;
          this.sweeping = settleWithin(this.sweep(cols), 600_000, "the sweep")
            .then(() => undefined)
            .catch((error: unknown) => {
              nextSweep = 0;
              this.log(`sweep failed: ${describe(error)}`);
            })
            .finally(() => {
              this.sweeping = undefined;
            });
        }
        await settleWithin(this.heartbeat(cols), 30_000, "the heartbeat");
        const worked = await this.drain(cols);
        await this.aggregate(cols, worked === 0);
        if (failures > 0) this.log("database reachable again");
        failures = 0;
        this.options.onDatabaseOutcome?.(true);
        if (worked === 0) await this.idle(this.pollMs);
      } catch (error) {
        failures++;
        if (isTransientDatabaseError(error)) this.options.onDatabaseOutcome?.(false);
        if (failures === 1) this.log(`paused: ${describe(error)}`);
        nextSweep = 0; // a write may have reached a ticket but not the queue during the outage
        await this.idle(Math.min(250 * 2 ** failures, 5_000));
      }
    }
  }

  /** Processes what is due now, oldest first. Returns how many entries it looked at. */
  async drain(cols: Collections, limit = 100): Promise<number> {
    const due = await settleWithin(
      cols.projectionQueue
        .find({ leaseUntil: { $lte: new Date() } }, { projection: { _id: 1 } })
        .sort({ since: 1 })
        .limit(limit)
        .toArray(),
      30_000,
      "polling the queue",
    );
    // A few at a time: much of a projection is waiting on round trips, and the tickets are
    // independent (each has its own claim, guards and bucket entry).
    const waiting = [...due];
    await Promise.all(
      Array.from({ length: Math.min(this.concurrency, waiting.length) }, async () => {
        for (let entry = waiting.shift(); entry && this.running; entry = waiting.shift()) {
          // Bounded by the lease: past it, another projector may take the ticket anyway.
          await settleWithin(this.processEntry(cols, entry._id), this.leaseMs, "a projection");
          await settleWithin(this.heartbeat(cols), 30_000, "the heartbeat");
        }
      }),
    );
    if (due.length > 0) this.owesAggregation = true;
    return due.length;
  }

  /**
   * Takes what this projector's projections recorded into the dashboard: at once when the queue
   * is dry, otherwise at most every aggregateEveryMs (each aggregation rewrites the counters, so
   * one per projection would cost more than the projections). Another projector's, or the sweep,
   * takes in whatever a crash left behind.
   */
  private async aggregate(cols: Collections, idle: boolean) {
    if (!this.owesAggregation) return;
    if (!idle && Date.now() - this.lastAggregation < this.aggregateEveryMs) return;
    this.owesAggregation = false;
    this.lastAggregation = Date.now();
    try {
      await settleWithin(settleReadModels(cols), this.leaseMs, "settling the read models");
    } catch (error) {
      this.owesAggregation = true;
      throw error;
    }
  }

  /** Claims one queue entry and brings that ticket's read models up to date. */
  async processEntry(cols: Collections, ticketId: ObjectId): Promise<boolean> {
    const lease = await claimEntry(cols.projectionQueue, ticketId, this.owner, this.leaseMs);
    if (!lease) return false; // someone else holds it, or it is done

    try {
      if (this.delayMs > 0) await sleep(this.delayMs);
      const ticket = await cols.tickets.findOne({ _id: ticketId });
      if (ticket && (ticket.dirtySince !== null || ticket.projectedVersion < ticket.version)) {
        const projectedAt = new Date();
        await projectTicket(cols, ticket, projectedAt);
        await ensureFollowUpLinked(cols, ticket);
        // A rebuild may have switched reads to a new generation while this ran (this process
        // caches the generation briefly). Ask the registry itself: if it moved, project into the
        // new one too before clearing anything, so no change lands only in the old generation.
        const active = (await cols.registry.findOne({ _id: "active" }))?.generation ?? 0;
        if (active !== cols.generation) {
          const switched = collections(cols.db, active);
          await projectTicket(switched, ticket, new Date());
          await settleReadModels(switched);
        }
        this.recordLag(ticket, projectedAt);
        // Only this version is cleared: a command that landed meanwhile keeps the ticket marked.
        await cols.tickets.updateOne(
          { _id: ticketId, version: ticket.version },
          { $set: { dirtySince: null, projectedVersion: ticket.version } },
        );
      }
      await releaseEntry(cols.projectionQueue, lease);
      return true;
    } catch (error) {
      if (isTransientDatabaseError(error)) throw error; // not this ticket's fault; the loop backs off
      const message = describe(error);
      const { attempts } = await failEntry(cols.projectionQueue, lease, message, this.maxAttempts);
      this.log(`ticket ${ticketId.toHexString()} failed (attempt ${attempts}): ${message}`);
      this.lastError = { at: new Date(), message, ticketId: ticketId.toHexString() };
      return true;
    }
  }

  /**
   * Re-queues every ticket still marked dirty. The queue is only an index of the markers, so
   * this repairs it after a crash between a ticket write and its enqueue.
   */
  async sweep(cols: Collections): Promise<number> {
    const dirty = await cols.tickets
      .find({ dirtySince: { $gte: EPOCH } }, { projection: { _id: 1 } })
      .toArray();
    const now = new Date();
    for (const { _id } of dirty) await enqueue(cols.projectionQueue, _id, now);
    // What a projector that died before settling left behind, and each read model's upkeep.
    await maintainReadModels(cols, now);
    return dirty.length;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
