import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import {
  MongoBulkWriteError,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type ObjectId,
} from "mongodb";
import { GENERATION_CACHE_MS } from "@/server/db/client";
import {
  COLLECTIONS,
  READ_MODELS,
  collections,
  readModelName,
  type Collections,
  type RegistryDocument,
} from "@/server/db/collections";
import { isDuplicateKey } from "@/server/db/errors";
import { ensureIndexes } from "@/server/db/indexes";
import { difference, syncBucket } from "@/server/projections/project-dashboard";
import { projectTicket } from "@/server/projections/project-ticket";
import { contribution } from "@/server/tickets/queries/dashboard/contribution";
import { BUCKETS, bucketOf, type BucketId } from "@/server/tickets/queries/dashboard/documents";
import { toTicketDetailDocument } from "@/server/tickets/queries/ticket-detail/document";
import { toTicketListDocument } from "@/server/tickets/queries/ticket-list/document";
import type { TicketDocument } from "@/server/tickets/write-model";

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

export interface RebuildProgress {
  phase: RebuildState["phase"];
  generation: number;
  processed: number;
  total: number;
  resumed: boolean;
}

/** How long a rebuild that stopped checkpointing keeps others out (a crashed one, say). */
const LEASE_MS = Number(process.env.REBUILD_LEASE_MS ?? 15_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds every read model from the write model into a new generation of collections, while the
 * app keeps serving the active one; then switches reads over in one step (the registry's
 * "active" document) and re-projects whatever was written meanwhile. Resumable: it checkpoints
 * after every batch, and everything it writes is idempotent (version guards, bucket entries).
 */
export async function rebuildReadModels(
  db: Db,
  options: {
    batchSize?: number;
    onProgress?: (progress: RebuildProgress) => void;
    log?: (line: string) => void;
  } = {},
): Promise<RebuildState> {
  const batchSize = options.batchSize ?? 500;
  const log = options.log ?? (() => undefined);
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const registry = db.collection<RebuildState>(COLLECTIONS.registry);
  const base = collections(db);

  let state = await claim(db, owner);
  const resumed = state.processed > 0 || state.phase !== "scanning";
  if (resumed)
    log(
      `Resuming the rebuild of generation ${state.generation} (${state.phase}, ${state.processed} done).`,
    );
  await ensureIndexes(db, [state.generation]);
  const target = collections(db, state.generation);
  const report = () =>
    options.onProgress?.({
      phase: state.phase,
      generation: state.generation,
      processed: state.processed,
      total: state.total,
      resumed,
    });

  const checkpoint = async (changes: Partial<RebuildState>) => {
    const now = new Date();
    const next = { ...changes, updatedAt: now, leaseUntil: new Date(now.getTime() + LEASE_MS) };
    const written = await registry.updateOne({ _id: "rebuild", owner }, { $set: next });
    if (written.matchedCount !== 1)
      throw new Error("Another rebuild took over (this one's lease ran out).");
    state = { ...state, ...next };
    report();
  };

  if (state.phase === "scanning") {
    report();
    // Natural order never moves a ticket (they are never deleted), so "skip what was done" is a
    // sound resume point; one batch of overlap costs nothing because every write is idempotent.
    const cursor = base.tickets
      .find({})
      .skip(Math.max(0, state.processed - batchSize))
      .batchSize(batchSize);
    let processed = Math.max(0, state.processed - batchSize);
    let batch: TicketDocument[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await writeBatch(target, batch, new Date());
      processed += batch.length;
      batch = [];
      await checkpoint({ processed, total: Math.max(state.total, processed) });
    };
    for await (const ticket of cursor) {
      batch.push(ticket);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    for (let b = 0; b < BUCKETS; b++) {
      await syncBucket(target, `b${String(b).padStart(3, "0")}`, new Date());
    }
    // The switch: one write, after which every process reads and projects the new generation
    // (each within GENERATION_CACHE_MS).
    const switchedAt = new Date();
    await base.registry.updateOne(
      { _id: "active" },
      {
        $set: { generation: state.generation, switchedAt } satisfies Omit<RegistryDocument, "_id">,
      },
      { upsert: true },
    );
    log(`Switched reads to generation ${state.generation}.`);
    await checkpoint({ phase: "reconciling", switchedAt });
  }

  if (state.phase === "reconciling") {
    // Until every process has seen the switch, projectors may still write a change into the old
    // generation only. Wait that out, then bring the new one up to every ticket's version.
    const settled = (state.switchedAt?.getTime() ?? 0) + 2.5 * GENERATION_CACHE_MS;
    await sleep(Math.max(0, settled - Date.now()));
    const reconciled = await reconcile(target, () => checkpoint({}));
    log(`Re-projected ${reconciled} tickets written during the rebuild.`);
    await checkpoint({ phase: "done", reconciled });
  }
  return state;
}

/** Starts a rebuild, or takes over an unfinished one whose owner is gone. */
async function claim(db: Db, owner: string): Promise<RebuildState> {
  const registry = db.collection<RebuildState>(COLLECTIONS.registry);
  let now = new Date();
  let current = await registry.findOne({ _id: "rebuild" });
  // A crashed rebuild holds its lease until it runs out: wait for that, but not for a live one,
  // which keeps renewing it.
  const giveUpAt = now.getTime() + LEASE_MS + 5_000;
  while (current && current.phase !== "done" && current.leaseUntil > now) {
    if (now.getTime() > giveUpAt) {
      throw new Error(
        `A rebuild of generation ${current.generation} is already running (owner ${current.owner}). Wait for it to finish.`,
      );
    }
    await sleep(500);
    now = new Date();
    current = await registry.findOne({ _id: "rebuild" });
  }
  const lease = new Date(now.getTime() + LEASE_MS);

  if (current && current.phase !== "done") {
    const taken = await registry.findOneAndUpdate(
      { _id: "rebuild", owner: current.owner, leaseUntil: current.leaseUntil },
      { $set: { owner, leaseUntil: lease } },
      { returnDocument: "after" },
    );
    if (!taken) throw new Error("Another rebuild took over at the same moment.");
    return taken;
  }

  const active = (await collections(db).registry.findOne({ _id: "active" }))?.generation ?? 0;
  const generation = Math.max(active, current?.generation ?? 0) + 1;
  // Leftovers of an abandoned attempt at this generation would only confuse the counts.
  for (const name of Object.values(READ_MODELS)) {
    await db
      .collection(readModelName(name, generation))
      .drop()
      .catch(() => false);
  }
  const fresh: RebuildState = {
    _id: "rebuild",
    generation,
    from: active,
    phase: "scanning",
    processed: 0,
    // Not estimatedDocumentCount: it crashes the embedded database's connection (FerretDB 1.24).
    total: await collections(db).tickets.countDocuments({}),
    startedAt: now,
    updatedAt: now,
    switchedAt: null,
    reconciled: 0,
    owner,
    leaseUntil: lease,
  };
  if (current) {
    const replaced = await registry.replaceOne(
      { _id: "rebuild", phase: "done", generation: current.generation },
      fresh,
    );
    if (replaced.matchedCount !== 1) throw new Error("Another rebuild started at the same moment.");
  } else {
    try {
      await registry.insertOne(fresh);
    } catch (error) {
      if (isDuplicateKey(error)) throw new Error("Another rebuild started at the same moment.");
      throw error;
    }
  }
  return fresh;
}

/** One batch into the target generation: bulk guarded upserts, and one update per bucket. */
async function writeBatch(target: Collections, tickets: TicketDocument[], now: Date) {
  await Promise.all([
    guardedBulk(
      target.ticketList,
      tickets.map((t) => toTicketListDocument(t, now)),
    ),
    guardedBulk(
      target.ticketDetail,
      tickets.map((t) => toTicketDetailDocument(t, now)),
    ),
  ]);
  const byBucket = new Map<BucketId, TicketDocument[]>();
  for (const ticket of tickets) {
    const b = bucketOf(ticket._id);
    byBucket.set(b, [...(byBucket.get(b) ?? []), ticket]);
  }
  for (const [b, members] of byBucket) await countBatchIntoBucket(target, b, members, now);
}

async function guardedBulk<T extends { _id: ObjectId; version: number }>(
  collection: Collection<T>,
  docs: T[],
) {
  // The same guard as writeIfNewer, for a whole batch in one round trip.
  const operations = docs.map(({ _id, ...fields }) => ({
    updateOne: {
      filter: { _id, version: { $lt: fields.version } },
      update: { $set: fields },
      upsert: true,
    },
  })) as unknown as AnyBulkWriteOperation<T>[];
  try {
    await collection.bulkWrite(operations, { ordered: false });
  } catch (error) {
    // A duplicate key means a copy at this version or newer is already there (a resumed batch).
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors = error.result.getWriteErrors();
    if (errors.length === 0 || errors.some((e) => e.code !== 11000)) throw error;
  }
}

/** Like the projector's per-ticket counting, for many tickets of one bucket in one update. */
async function countBatchIntoBucket(
  target: Collections,
  b: BucketId,
  tickets: TicketDocument[],
  now: Date,
) {
  for (let round = 0; round < 20; round++) {
    const projection: Record<string, 1> = { rev: 1 };
    for (const t of tickets) projection[`entries.${t._id.toHexString()}`] = 1;
    const bucket = await target.dashboardBuckets.findOne({ _id: b }, { projection });
    if (!bucket) {
      try {
        await target.dashboardBuckets.insertOne({
          _id: b,
          rev: 0,
          counts: {},
          entries: {},
          projectedAt: now,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      continue;
    }
    const inc: Record<string, number> = {};
    const set: Record<string, unknown> = { projectedAt: now };
    for (const ticket of tickets) {
      const id = ticket._id.toHexString();
      const entry = bucket.entries?.[id];
      if (entry && entry.v >= ticket.version) continue;
      const next = contribution(ticket);
      for (const [key, change] of Object.entries(difference(entry?.k ?? [], next))) {
        inc[`counts.${key}`] = (inc[`counts.${key}`] ?? 0) + change;
      }
      set[`entries.${id}`] = { v: ticket.version, k: next };
    }
    if (Object.keys(set).length === 1) return; // all counted already
    const written = await target.dashboardBuckets.updateOne(
      { _id: b, rev: bucket.rev },
      { $inc: { ...inc, rev: 1 }, $set: set },
    );
    if (written.matchedCount === 1) return;
  }
  throw new Error(`dashboard bucket ${b}: too much contention during the rebuild`);
}

/** Re-projects every ticket whose version the target generation does not have yet. */
async function reconcile(target: Collections, renewLease: () => Promise<void>): Promise<number> {
  const have = new Map<string, number>();
  for await (const doc of target.ticketList
    .find({}, { projection: { version: 1 } })
    .batchSize(2_000)) {
    have.set(doc._id.toHexString(), doc.version);
  }
  let count = 0;
  let seen = 0;
  for await (const { _id, version } of target.tickets
    .find({}, { projection: { version: 1 } })
    .batchSize(2_000)) {
    if (++seen % 1_000 === 0) await renewLease();
    if (have.get(_id.toHexString()) === version) continue;
    const ticket = await target.tickets.findOne({ _id });
    if (ticket) {
      await projectTicket(target, ticket, new Date());
      count++;
    }
  }
  return count;
}
