import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { Db, ObjectId } from "mongodb";
import { GENERATION_CACHE_MS } from "@/server/db/client";
import { COLLECTIONS, collections, type Collections } from "@/server/db/collections";
import { isDuplicateKey } from "@/server/db/errors";
import { readModelName } from "@/server/db/generations";
import { ensureIndexes } from "@/server/db/indexes";
import type { RebuildState, RegistryDocument } from "@/server/projections/documents";
import { projectTicket, projectTickets, settleReadModels } from "@/server/projections/project";
import {
  READ_MODEL_SCHEMA,
  READ_MODELS,
  readModelCollectionNames,
} from "@/server/read-models/registry";
import type { TicketDocument } from "@/server/tickets/write-model";

export interface RebuildProgress {
  phase: RebuildState["phase"];
  generation: number;
  processed: number;
  total: number;
  resumed: boolean;
}

/** How long a rebuild that stopped checkpointing keeps others out (a crashed one, say). */
const LEASE_MS = Number(process.env.REBUILD_LEASE_MS ?? 15_000);

/**
 * Builds every read model from the write model into a new generation of collections, while the
 * app keeps serving the active one; then switches reads over in one step (the registry's
 * "active" document) and re-projects whatever was written meanwhile. Resumable: it checkpoints
 * after every batch, and everything it writes is idempotent (version guards, the dashboard's inbox).
 */
export async function rebuildReadModels(
  db: Db,
  options: {
    batchSize?: number;
    onProgress?: (progress: RebuildProgress) => void;
    log?: (line: string) => void;
  } = {},
): Promise<RebuildState> {
  const batchSize = options.batchSize ?? 5_000;
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
      await projectTickets(target, batch, new Date());
      processed += batch.length;
      batch = [];
      await checkpoint({ processed, total: Math.max(state.total, processed) });
    };
    for await (const ticket of cursor) {
      batch.push(ticket);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await settleReadModels(target);
    // The switch: one write, after which every process reads and projects the new generation
    // (each within GENERATION_CACHE_MS).
    const switchedAt = new Date();
    await base.registry.updateOne(
      { _id: "active" },
      {
        $set: {
          generation: state.generation,
          switchedAt,
          schema: READ_MODEL_SCHEMA,
        } satisfies Omit<RegistryDocument, "_id">,
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
    await settleReadModels(target);
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
  for (const name of readModelCollectionNames()) {
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

/** Re-projects every ticket whose version the target generation does not have yet. */
async function reconcile(target: Collections, renewLease: () => Promise<void>): Promise<number> {
  // A batch of ticket versions at a time against the read models', by `_id`: memory stays flat
  // whatever the size of the desk. Every per-ticket read model is compared: after a crash one
  // can be ahead of another.
  let count = 0;
  let batch: { _id: ObjectId; version: number }[] = [];
  const check = async () => {
    const ids = batch.map((t) => t._id);
    const held = await Promise.all(
      READ_MODELS.flatMap((model) => (model.versionsOf ? [model.versionsOf(target, ids)] : [])),
    );
    for (const { _id, version } of batch) {
      const id = _id.toHexString();
      if (held.every((versions) => versions.get(id) === version)) continue;
      const ticket = await target.tickets.findOne({ _id });
      if (ticket) {
        await projectTicket(target, ticket, new Date());
        count++;
      }
    }
    batch = [];
    await renewLease();
  };
  for await (const ticket of target.tickets
    .find({}, { projection: { version: 1 } })
    .batchSize(2_000)) {
    batch.push(ticket);
    if (batch.length >= 2_000) await check();
  }
  if (batch.length > 0) await check();
  return count;
}

/**
 * Read models built by an older version of the app (see READ_MODEL_SCHEMA) are rebuilt before
 * the app serves them; a new desk is simply marked current. Returns whether it rebuilt.
 */
export async function upgradeReadModels(
  db: Db,
  options: { log?: (line: string) => void } = {},
): Promise<boolean> {
  const { registry, tickets } = collections(db);
  const active = await registry.findOne({ _id: "active" });
  if ((active?.schema ?? 1) >= READ_MODEL_SCHEMA) return false;
  if ((await tickets.findOne({}, { projection: { _id: 1 } })) === null) {
    await registry.updateOne(
      { _id: "active" },
      {
        $set: { schema: READ_MODEL_SCHEMA },
        $setOnInsert: { generation: 0, switchedAt: new Date() },
      },
      { upsert: true },
    );
    return false;
  }
  options.log?.("The read models were built by an older version of the app: rebuilding them.");
  await rebuildReadModels(db, options);
  return true;
}
