// The start command: runs the embedded database when MONGODB_URI is unset, fills a new desk
// with demo tickets, and serves the app. Ctrl-C or SIGTERM stops everything it started.
import path from "node:path";
import {
  DEFAULT_DATA_DIR,
  PROJECT_ROOT,
  startEmbeddedDb,
  type EmbeddedDb,
} from "../server/db/embedded";
import { spawnWatched, type Watched } from "../server/process/watched";

const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const dataDir = path.resolve(process.env.DATA_DIR ?? DEFAULT_DATA_DIR);
const seed = (process.env.SEED_DEMO ?? "true") !== "false";

let db: EmbeddedDb | undefined;
let web: Watched | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await web?.stop();
  await db?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (!process.env.MONGODB_URI) {
    db = await startEmbeddedDb({ dataDir, onLog: (line) => console.error(`[ferretdb] ${line}`) });
    process.env.MONGODB_URI = db.uri;
    console.log(
      `Embedded database (FerretDB on SQLite) at ${db.uri}, data in ${path.relative(PROJECT_ROOT, dataDir) || dataDir}`,
    );
    void db.exited.then((code) => {
      if (!stopping) {
        console.error(`The embedded database exited unexpectedly (code ${code}).`);
        void shutdown(1);
      }
    });
  }

  const { closeDb, getCollections } = await import("../server/db/client");
  const { upgradeReadModels } = await import("../server/projections/rebuild");
  const { migrateWriteModel } = await import("../server/migrations/conversations");
  await migrateWriteModel((await getCollections()).db, { log: (line) => console.log(line) });
  await upgradeReadModels((await getCollections()).db, { log: (line) => console.log(line) });
  let signIn: string;
  if (seed) {
    const { seedDemo } = await import("../server/demo/seed-demo");
    const { ensureDemoAccounts } = await import("../server/demo/demo-accounts");
    const created = await seedDemo();
    if (created > 0) console.log(`Created ${created} demo tickets.`);
    const accounts = await ensureDemoAccounts();
    signIn = [
      "Demo mode (SEED_DEMO=false turns it off). Sign in as:",
      ...accounts.map((a) => `  ${a.role.padEnd(5)}  ${a.email}  password: ${a.password}`),
    ].join("\n");
  } else {
    const { users } = await getCollections();
    signIn =
      (await users.countDocuments({}, { limit: 1 })) === 0
        ? "No accounts yet. Create the first lead with:\n  npm run users -- create --email you@example.com --role lead"
        : "Sign in with your account.";
  }
  await closeDb();

  const next = path.join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next");
  // Idle connections stay open longer than the clients' and proxies' own idle timeouts (often
  // 60 s), so a client never sends a request on a connection the server is closing that moment:
  // with Node's default 5 s, such a request fails with ECONNRESET.
  const keepAlive = dev ? [] : ["--keepAliveTimeout", "65000"];
  web = spawnWatched(
    process.execPath,
    [next, dev ? "dev" : "start", "-H", host, "-p", port, ...keepAlive],
    {
      cwd: PROJECT_ROOT,
      output: "inherit",
    },
  );
  void web.exited.then((code) => {
    if (!stopping) void shutdown(code ?? 1);
  });
  console.log(`Support desk: http://${host === "127.0.0.1" ? "localhost" : host}:${port}`);
  console.log(signIn);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
