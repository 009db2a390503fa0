// Runs the embedded database (FerretDB on SQLite) as a child process.
// No "server-only" here: the start script, the test set-ups and the projector process use it
// outside Next.js, and it never touches data itself.
import { setTimeout as sleep } from "node:timers/promises";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { MongoClient } from "mongodb";
import { isAlive, runtimeFile } from "./embedded-runtime";
import { spawnWatched } from "../process/watched";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");
const FERRETDB_BIN =
  process.env.FERRETDB_BIN ?? path.join(PROJECT_ROOT, ".cache", "bin", "ferretdb");
export const DEFAULT_DATA_DIR = path.join(PROJECT_ROOT, ".data");
const DEFAULT_DB_NAME = "support_desk";

export interface EmbeddedDb {
  uri: string;
  port: number;
  dataDir: string;
  /** Stops the server and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves when the server exits, for whatever reason. */
  exited: Promise<number | null>;
}

export interface StartOptions {
  dataDir?: string;
  dbName?: string;
  /** A fixed port; a free one is picked when omitted (never 27017). */
  port?: number;
  /** Where FerretDB's own log lines go; they are kept for error messages either way. */
  onLog?: (line: string) => void;
  readyTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not pick a free port"));
      });
    });
  });
}

/**
 * A previous run that died hard may have left its server behind (the watchdog below normally
 * prevents that). Its pid file names the process group; end it before reusing the data dir.
 */
async function reclaimStale(dataDir: string): Promise<void> {
  const file = runtimeFile(dataDir);
  if (!existsSync(file)) return;
  try {
    const { pgid } = JSON.parse(readFileSync(file, "utf8")) as { pgid?: number };
    if (pgid && isAlive(pgid)) {
      process.kill(-pgid, "SIGTERM");
      for (let i = 0; i < 50 && isAlive(pgid); i++) await sleep(100);
      if (isAlive(pgid)) process.kill(-pgid, "SIGKILL");
    }
  } catch {
    // An unreadable or stale file is simply replaced.
  }
  rmSync(file, { force: true });
}

export async function startEmbeddedDb(options: StartOptions = {}): Promise<EmbeddedDb> {
  if (!existsSync(FERRETDB_BIN)) {
    throw new Error(
      `The embedded database is not installed (${FERRETDB_BIN}). Run \`npm run db:install\`, or set MONGODB_URI.`,
    );
  }
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const dbName = options.dbName ?? DEFAULT_DB_NAME;
  const stateDir = path.join(dataDir, "state");
  mkdirSync(stateDir, { recursive: true });
  await reclaimStale(dataDir);

  const port = options.port ?? (await freePort());
  const args = [
    "--handler=sqlite",
    `--sqlite-url=file:${dataDir}/`,
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${stateDir}`,
    "--telemetry=disable",
    "--debug-addr=-",
    "--log-level=error",
  ];
  const db = spawnWatched(FERRETDB_BIN, args);
  const pgid = db.child.pid;
  if (pgid === undefined) throw new Error("could not start the embedded database");

  const log: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      log.push(line);
      if (log.length > 50) log.shift();
      options.onLog?.(line);
    }
  };
  db.child.stdout?.on("data", onData);
  db.child.stderr?.on("data", onData);
  const { exited } = db;

  const uri = `mongodb://127.0.0.1:${port}/${dbName}`;
  writeFileSync(runtimeFile(dataDir), JSON.stringify({ pgid, port, uri, parent: process.pid }));

  const stop = async () => {
    await db.stop();
    rmSync(runtimeFile(dataDir), { force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`The embedded database exited (code ${exitCode}):\n${log.join("\n")}`);
    }
    if (await canPing(uri)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The embedded database did not become ready in time:\n${log.join("\n")}`);
    }
    await sleep(100);
  }
  return { uri, port, dataDir, stop, exited };
}

async function canPing(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
  try {
    await client.db("admin").command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}
