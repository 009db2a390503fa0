// Delivers the event feed to each webhook subscription, in feed order, one delivery in flight
// per subscription. Runs in the projector process(es): a subscription is worked by whichever
// process holds its lease, so with several processes each event still goes out once (again,
// with the same webhook-id, only when a process dies mid-delivery and its lease runs out).
// Each subscription has its own worker, so a slow or hanging endpoint delays only itself.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Agent } from "node:http";
import type { Db, ObjectId } from "mongodb";
import { positionId, feedCollections } from "@/server/events/collections";
import type { PositionedEvent } from "@/server/events/event";
import { FeedGoneError, readFeed } from "@/server/events/read";
import { readSequence } from "@/server/events/sequence";
import {
  ATTEMPTS_KEPT,
  attemptId,
  attemptRange,
  webhookCollections,
  type AttemptDocument,
  type WebhookDocument,
} from "@/server/webhooks/collection";
import { deliver, type DeliveryResult } from "@/server/webhooks/deliver";
import { deliveryAgents, type DestinationPolicy } from "@/server/webhooks/destination";
import { afterFailure, DEFAULT_RETRY_POLICY, type RetryPolicy } from "@/server/webhooks/retry";
import { signedHeaders } from "@/server/webhooks/signing";

export interface DispatcherOptions {
  db: () => Promise<Db>;
  destinations: DestinationPolicy;
  /** How often to look for subscriptions with something to deliver (default 250 ms). */
  pollMs?: number;
  /** A delivery that has not been answered 2xx by then failed (default 10 s). */
  timeoutMs?: number;
  /** How long a claim on a subscription lasts without a delivery renewing it (default 30 s). */
  leaseMs?: number;
  retry?: RetryPolicy;
  /** Events read from the feed at once (default 50). */
  batch?: number;
  log?: (message: string) => void;
}

/** Longest one worker keeps a subscription before it lets go (and reads its settings again). */
const TURN_MS = 20_000;
/** A position moved by this many deliveries, or this long ago, is written. */
const SAVE_EVERY = 25;
const SAVE_MS = 250;

export class WebhookDispatcher {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly workers = new Map<string, Promise<void>>();
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private readonly batch: number;
  private readonly agents: { http: Agent; https: Agent };
  private readonly log: (message: string) => void;

  constructor(private readonly options: DispatcherOptions) {
    this.pollMs = options.pollMs ?? 250;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.leaseMs = Math.max(options.leaseMs ?? 30_000, this.timeoutMs + 5_000);
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.batch = options.batch ?? 50;
    this.agents = deliveryAgents(options.destinations);
    this.log = options.log ?? ((message) => console.log(`[webhooks] ${message}`));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops looking for work and waits for the deliveries in flight (each ends by its timeout). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all(this.workers.values());
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async run() {
    let failing = false;
    while (this.running) {
      try {
        await this.round(await this.options.db());
        if (failing) this.log("database reachable again");
        failing = false;
      } catch (error) {
        if (!failing) this.log(`paused: ${describe(error)}`);
        failing = true;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Starts a worker for each active subscription that is owed a delivery and not claimed. */
  async round(db: Db): Promise<void> {
    const { webhooks } = webhookCollections(db);
    const [subscriptions, sequence] = await Promise.all([
      webhooks.find({ active: true }).toArray(),
      readSequence(db),
    ]);
    const now = new Date();
    for (const sub of subscriptions) {
      const id = sub._id.toHexString();
      if (this.workers.has(id) || sub.leaseUntil > now) continue;
      const due = !sub.retry || sub.retry.nextAt <= now;
      if (sub.redeliver.length === 0 && !(due && sub.position < sequence.visible)) continue;
      const worker = this.work(db, sub._id)
        .catch((error: unknown) => this.log(`subscription ${id}: ${describe(error)}`))
        .finally(() => this.workers.delete(id));
      this.workers.set(id, worker);
    }
  }

  /** Claims one subscription and delivers what it is owed, for one turn. */
  private async work(db: Db, id: ObjectId): Promise<void> {
    const { webhooks } = webhookCollections(db);
    const claim = `${this.owner}:${randomBytes(6).toString("hex")}`;
    const now = new Date();
    const claimed = await webhooks.findOneAndUpdate(
      { _id: id, active: true, leaseUntil: { $lte: now } },
      { $set: { owner: claim, leaseUntil: new Date(now.getTime() + this.leaseMs) } },
      { returnDocument: "after" },
    );
    if (!claimed) return; // another process has it
    const turn = new Turn(db, claimed, claim, now.getTime() + this.leaseMs);
    try {
      await this.deliverOwed(turn);
    } finally {
      await turn.save(this.leaseMs);
      await turn.flushAttempts();
      await webhooks.updateOne(
        { _id: id, owner: claim },
        { $set: { owner: null, leaseUntil: new Date(0) } },
      );
    }
  }

  private async deliverOwed(turn: Turn): Promise<void> {
    const endOfTurn = Date.now() + TURN_MS;
    while (this.running && Date.now() < endOfTurn) {
      if (!(await turn.save(this.leaseMs))) return;
      const sub = await turn.reload();
      if (!sub || !sub.active) return;

      const redeliver = sub.redeliver[0];
      if (redeliver !== undefined) {
        if (!turn.canSend(this.timeoutMs)) return;
        const event = await eventAt(turn.db, redeliver);
        if (event) await this.send(turn, event, 1);
        await turn.webhooks.updateOne(
          { _id: sub._id, owner: turn.claim },
          { $pull: { redeliver } },
        );
        continue;
      }
      if (sub.retry && sub.retry.nextAt > new Date()) return;

      const page = await this.nextPage(turn, sub);
      if (!page) return;
      for (const event of page.items) {
        if (!this.running || !turn.canSend(this.timeoutMs)) return;
        const retrying = sub.retry?.position === event.position ? sub.retry : null;
        const attempt = (retrying?.attempts ?? 0) + 1;
        const result = await this.send(turn, event, attempt);
        if (!result.ok) {
          await this.failed(
            turn,
            sub,
            event,
            attempt,
            retrying?.failingSince ?? new Date(),
            result,
          );
          return;
        }
        if (!(await turn.advance(event.position, this.leaseMs, true))) return;
      }
      // Positions after the last event sent were passed over by the subscription's types.
      if (page.next > turn.position && !(await turn.advance(page.next, this.leaseMs, false))) {
        return;
      }
      if (page.items.length === 0) return; // caught up
    }
  }

  /** The next events for this subscription, or null when there is nothing to send now. */
  private async nextPage(turn: Turn, sub: WebhookDocument) {
    const types = sub.types ? new Set(sub.types) : undefined;
    try {
      return await readFeed(turn.db, { after: sub.position, limit: this.batch, types });
    } catch (error) {
      if (!(error instanceof FeedGoneError)) throw error;
      // Retention pruned events this subscription never got: say so, and go on from the start.
      this.log(`subscription ${sub._id.toHexString()}: events before ${error.start} were pruned`);
      await turn.advance(error.start - 1, this.leaseMs, false);
      return null;
    }
  }

  private async send(turn: Turn, event: PositionedEvent, attempt: number) {
    const body = JSON.stringify(event);
    const now = new Date();
    const result = await deliver({
      url: turn.sub.url,
      headers: signedHeaders(turn.sub.secrets, event.id, body, now),
      body,
      timeoutMs: this.timeoutMs,
      agents: this.agents,
    });
    turn.recordAttempt(now, event, attempt, result);
    if (!result.ok) await turn.flushAttempts(); // a lead looking at a failure sees it at once
    return result;
  }

  private async failed(
    turn: Turn,
    sub: WebhookDocument,
    event: PositionedEvent,
    attempts: number,
    failingSince: Date,
    result: DeliveryResult,
  ) {
    const now = new Date();
    const lastError = result.error ?? `answered ${result.status}`;
    const next = afterFailure(this.retry, attempts, failingSince, now, lastError);
    const retry = {
      position: event.position,
      attempts,
      failingSince,
      lastError,
      nextAt: next.kind === "retry" ? next.at : now,
    };
    if (!(await turn.save(this.leaseMs))) return; // what was delivered before it
    const guard = { _id: sub._id, owner: turn.claim, epoch: sub.epoch };
    if (next.kind === "retry") {
      await turn.webhooks.updateOne(guard, { $set: { retry } });
      return;
    }
    await turn.webhooks.updateOne(guard, {
      $set: { retry, active: false, disabled: { at: now, reason: next.reason } },
    });
    this.log(`subscription ${sub._id.toHexString()} disabled: ${next.reason}`);
  }
}

/** One claim on one subscription: its state as this worker knows it, and the attempts to log. */
class Turn {
  readonly webhooks;
  private readonly attempts;
  private pending: AttemptDocument[] = [];
  position: number;
  private unsaved = 0;
  private savedAt = Date.now();
  private deliveredAt: Date | null = null;

  constructor(
    readonly db: Db,
    public sub: WebhookDocument,
    readonly claim: string,
    private leaseEnds: number,
  ) {
    ({ webhooks: this.webhooks, attempts: this.attempts } = webhookCollections(db));
    this.position = sub.position;
  }

  /** The subscription as stored, or null if this claim is no longer its owner. */
  async reload(): Promise<WebhookDocument | null> {
    const sub = await this.webhooks.findOne({ _id: this.sub._id });
    if (!sub || sub.owner !== this.claim) return null;
    this.sub = sub;
    this.position = sub.position;
    return sub;
  }

  /** Enough of the lease is left for one more delivery to end before anyone else may start. */
  canSend(timeoutMs: number): boolean {
    return Date.now() + timeoutMs + 2_000 < this.leaseEnds;
  }

  /**
   * Moves the subscription's position. Written (renewing the lease) every SAVE_EVERY events,
   * SAVE_MS, or when half the lease is gone, and always before the turn ends or records a
   * failure: a process that dies re-sends at most those, with the same webhook-ids.
   */
  async advance(position: number, leaseMs: number, delivered: boolean): Promise<boolean> {
    this.position = position;
    this.unsaved++;
    if (delivered) this.deliveredAt = new Date();
    const now = Date.now();
    const due =
      this.unsaved >= SAVE_EVERY ||
      now - this.savedAt >= SAVE_MS ||
      this.leaseEnds - now < leaseMs / 2;
    return due ? this.save(leaseMs) : true;
  }

  /**
   * Writes the position (and renews the lease), unless the claim was lost or a replay moved the
   * epoch meanwhile: then this worker stops and the next turn starts afresh.
   */
  async save(leaseMs: number): Promise<boolean> {
    if (this.unsaved === 0) return true;
    const now = new Date();
    const set: Partial<WebhookDocument> = {
      position: this.position,
      retry: null,
      leaseUntil: new Date(now.getTime() + leaseMs),
    };
    if (this.deliveredAt) set.lastDeliveredAt = this.deliveredAt;
    const moved = await this.webhooks.updateOne(
      { _id: this.sub._id, owner: this.claim, epoch: this.sub.epoch },
      { $set: set },
    );
    this.unsaved = 0;
    this.savedAt = now.getTime();
    if (moved.matchedCount === 0) return false;
    this.leaseEnds = now.getTime() + leaseMs;
    this.sub = { ...this.sub, position: this.position, retry: null };
    return true;
  }

  recordAttempt(at: Date, event: PositionedEvent, attempt: number, result: DeliveryResult) {
    const webhookId = this.sub._id.toHexString();
    this.pending.push({
      _id: attemptId(webhookId, at),
      webhookId,
      at,
      eventId: event.id,
      position: event.position,
      attempt,
      status: result.status,
      durationMs: result.durationMs,
      ok: result.ok,
      error: result.error,
    });
  }

  /** Writes the attempts made, and keeps only the newest ATTEMPTS_KEPT of this subscription. */
  async flushAttempts(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    await this.attempts.insertMany(batch, { ordered: false });
    const range = attemptRange(this.sub._id.toHexString());
    const [oldestKept] = await this.attempts
      .find({ _id: range }, { projection: { _id: 1 } })
      .sort({ _id: -1 })
      .skip(ATTEMPTS_KEPT - 1)
      .limit(1)
      .toArray();
    if (oldestKept) {
      await this.attempts.deleteMany({ _id: { $gt: range.$gt, $lt: oldestKept._id } });
    }
  }
}

/** The event at a feed position, as the feed serves it (null: not in the feed, or pruned). */
async function eventAt(db: Db, position: number): Promise<PositionedEvent | null> {
  const doc = await feedCollections(db).events.findOne({ _id: positionId(position) });
  return doc ? (JSON.parse(doc.json) as PositionedEvent) : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
