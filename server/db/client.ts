import "server-only";
import { MongoClient, type Db } from "mongodb";
import { env } from "@/server/env";
import { runningEmbeddedUri } from "@/server/db/embedded-runtime";
import { collections, type Collections } from "@/server/db/collections";
import { ensureIndexes } from "@/server/db/indexes";

interface Connection {
  client: MongoClient;
  ready: Promise<Db>;
  /** Since when every operation has failed with a transient error (see reportDatabaseOutcome). */
  failingSince?: number;
}

/** An outage longer than this makes the process replace its client. */
const RECYCLE_AFTER_MS = 10_000;

// One client per process; kept on globalThis so dev-mode module reloads reuse it.
const holder = globalThis as typeof globalThis & { __supportDeskMongo?: Connection };

export function databaseUri(): string {
  const uri = env.MONGODB_URI ?? runningEmbeddedUri();
  if (!uri) {
    throw new Error(
      "No database: set MONGODB_URI, or start the app with `npm start` (it runs the embedded database).",
    );
  }
  return uri;
}

function connect(): Connection {
  const client = new MongoClient(databaseUri(), {
    appName: "support-desk",
    // Fail fast when the database is down, so a request gets a 503 instead of hanging.
    serverSelectionTimeoutMS: 3_000,
    connectTimeoutMS: 3_000,
    maxPoolSize: 20,
    monitorCommands: process.env.MONGODB_MONITOR === "1",
  });
  const ready = (async () => {
    const db = client.db();
    await ensureIndexes(db, [0, await activeGeneration(db)]);
    return db;
  })();
  // A failed start-up (database down) must not poison the process: the next call retries.
  ready.catch(() => {
    if (holder.__supportDeskMongo?.client === client) holder.__supportDeskMongo = undefined;
    void client.close().catch(() => undefined);
  });
  return { client, ready };
}

export async function getDb(): Promise<Db> {
  holder.__supportDeskMongo ??= connect();
  return holder.__supportDeskMongo.ready;
}

/**
 * Told after each request and projector round whether the database answered. The driver
 * reconnects by itself after an outage, but we saw a client under load never recover after the
 * embedded database restarted (its server monitor stuck on a connection the server had closed).
 * So when the database has looked unreachable for RECYCLE_AFTER_MS in a row, the next caller
 * gets a brand-new client; the old one is closed in the background.
 */
export function reportDatabaseOutcome(ok: boolean, now = Date.now()): void {
  const connection = holder.__supportDeskMongo;
  if (!connection) return;
  if (ok) {
    connection.failingSince = undefined;
    return;
  }
  connection.failingSince ??= now;
  if (now - connection.failingSince < RECYCLE_AFTER_MS) return;
  holder.__supportDeskMongo = undefined;
  cachedGeneration = undefined;
  void connection.client.close(true).catch(() => undefined);
}

/** How long a process trusts the generation it read; a rebuild waits this out after switching. */
export const GENERATION_CACHE_MS = 1_000;
let cachedGeneration: { db: Db; generation: number; until: number } | undefined;

/** The read-model generation that reads and projections use now (see projections:rebuild). */
async function activeGeneration(db: Db, now = Date.now()): Promise<number> {
  if (cachedGeneration?.db === db && cachedGeneration.until > now)
    return cachedGeneration.generation;
  const active = await collections(db).registry.findOne({ _id: "active" });
  const generation = active?.generation ?? 0;
  cachedGeneration = { db, generation, until: now + GENERATION_CACHE_MS };
  return generation;
}

export async function getCollections(): Promise<Collections> {
  const db = await getDb();
  return collections(db, await activeGeneration(db));
}

export async function closeDb(): Promise<void> {
  const connection = holder.__supportDeskMongo;
  holder.__supportDeskMongo = undefined;
  if (connection) await connection.client.close();
}
