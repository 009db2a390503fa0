// `npm run bench`: a production build on a fresh embedded database (or MONGODB_URI), seeded to
// each size in turn; at each size every operation is measured on the app and on its baselines
// (pre-CQRS and raw driver, bench/baseline-server.ts), then projection lag, the rebuild and
// memory. Writes bench/results/<time>-<commit>.{json,md}, latest.md and latency.svg.
//
//   npm run bench -- [--sizes 1000,10000,100000] [--duration 10] [--connections 10]
//                    [--out bench/results] [--lag-seconds 30] [--lag-rate 20] [--seed 42]
//                    [--skip-build] [--update-docs | --no-update-docs]
import { setTimeout as sleep } from "node:timers/promises";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MongoClient } from "mongodb";
import { PROJECT_ROOT, freePort } from "../server/db/embedded";
import { spawnWatched } from "../server/process/watched";
import { childEnv, startApp } from "../server/testing/app-process";
import { measureLag } from "./lag";
import { measureSse, measureWebhookRate, webhookLagProbe } from "./push";
import { measure, type Measurement } from "./measure";
import { listDbBytes, operations, type Side } from "./operations";
import { listenerOf, memoryOf, pids, sampleMemory, toMB } from "./proc";
import { runRebuild } from "./rebuild";
import { measureSlaRecompute } from "./sla";
import { writeReport } from "./report";
import type { BenchResult, OpResult, SizeResult } from "./result";
import { seedWithScript, waitForEmptyBacklog } from "./seed";
import { createRawTickets, gatherFixtures, type Chosen } from "./fixtures";

const DEFAULT_SIZES = "1000,10000,100000";
const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: DEFAULT_SIZES },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    out: { type: "string", default: "bench/results" },
    "lag-seconds": { type: "string", default: "30" },
    "lag-rate": { type: "string", default: "20" },
    seed: { type: "string", default: "42" },
    "skip-build": { type: "boolean", default: false },
    "update-docs": { type: "boolean" },
    "no-update-docs": { type: "boolean" },
    /** Re-render the report (and the docs) from a saved result, without measuring. */
    from: { type: "string" },
  },
});
const sizes = args.sizes.split(",").map((s) => Number(s.trim()));
if (sizes.some((s) => !Number.isInteger(s) || s <= 0)) throw new Error(`bad --sizes ${args.sizes}`);
const duration = Number(args.duration);
const connections = Number(args.connections);
const updateDocs = args["update-docs"] ?? (!args["no-update-docs"] && args.sizes === DEFAULT_SIZES);
const TSX = path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const log = (line: string) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const git = (...a: string[]) =>
  execFileSync("git", a, { cwd: PROJECT_ROOT, encoding: "utf8" }).trim();

function installDb() {
  if (process.env.MONGODB_URI) return;
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, "scripts/install-ferretdb.mjs")], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
  });
}

function build() {
  if (args["skip-build"]) return log("skipping the build (--skip-build): using the existing .next");
  log("production build (next build)…");
  const started = Date.now();
  execFileSync(
    process.execPath,
    [path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next"), "build"],
    {
      cwd: PROJECT_ROOT,
      env: childEnv({ NEXT_TELEMETRY_DISABLED: "1" }),
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const fmt = (m: Measurement) =>
  `p50 ${m.p50} ms · p95 ${m.p95} · p99 ${m.p99} · ${m.throughput} req/s · ${m.bytesPerResponse} B` +
  (m.non2xx || m.errors ? ` · ${m.non2xx} non-2xx, ${m.errors} errors` : "") +
  (m.mode.includes("requests") ? ` (over ${m.mode})` : "");

/** `--from <result.json>`: the report of a saved run, e.g. one stopped before its last size. */
async function rerender(file: string) {
  const result = JSON.parse(readFileSync(path.resolve(file), "utf8")) as BenchResult;
  const files = await writeReport(result, {
    out: path.resolve(PROJECT_ROOT, args.out),
    partial: result.sizes.length < result.options.sizes.length,
    updateDocs: args["update-docs"] ?? !args["no-update-docs"],
  });
  log(`results: ${files.join(", ")}`);
}

async function main() {
  if (args.from) return rerender(args.from);
  const commit = git("rev-parse", "--short", "HEAD");
  // Results written by earlier runs do not make the code dirty.
  const dirty = git("status", "--porcelain", "--", ".", ":!bench/results").length > 0;
  installDb();
  build();

  const external = process.env.MONGODB_URI;
  log(
    external ? "starting the app on MONGODB_URI" : "starting the app on a fresh embedded database",
  );
  const app = await startApp({
    // Webhook receivers of the bench listen on 127.0.0.1.
    env: { MONGODB_URI: external, WEBHOOKS_ALLOW_PRIVATE: "true" },
    readyTimeoutMs: 180_000,
    echo: process.env.BENCH_ECHO === "1",
  });
  const appPort = Number(new URL(app.baseURL).port);
  const allPids = pids;
  const appPid = listenerOf(appPort, allPids());
  const dbPort = Number(new URL(app.mongoUri).port || 27017);
  const dbPid = external ? null : listenerOf(dbPort, allPids());
  log(
    `app at ${app.baseURL} (pid ${appPid}), database ${app.mongoUri} (pid ${dbPid ?? "external"})`,
  );

  const basePort = await freePort();
  const baseline = spawnWatched(
    process.execPath,
    [TSX, "--conditions=react-server", "bench/baseline-server.ts"],
    {
      cwd: PROJECT_ROOT,
      env: childEnv({ MONGODB_URI: app.mongoUri, PORT: String(basePort) }),
    },
  );
  const baselineURL = `http://127.0.0.1:${basePort}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${baselineURL}/health`)).ok) break;
    } catch {
      if (i > 200) throw new Error("the baseline server did not start");
      await sleep(200);
    }
  }

  log("baseline server up");
  /** Until the baseline server has answered every request, abandoned ones included. */
  const settleBaseline = async () => {
    for (let i = 0; i < 3_000; i++) {
      const health = (await (await fetch(`${baselineURL}/health`)).json()) as { inflight: number };
      if (health.inflight <= 0) return;
      await sleep(200);
    }
  };
  const client = new MongoClient(app.mongoUri, { appName: "bench" });
  const db = client.db();
  const build_ = await db.admin().command({ buildInfo: 1 });
  const database = {
    uri: app.mongoUri.replace(/\/\/[^@]*@/, "//***@"),
    kind: external ? "MONGODB_URI" : "embedded (FerretDB on SQLite)",
    version: String(build_.version),
    ferretdb:
      (build_.ferretdb as { version?: string } | undefined)?.version ??
      (build_.ferretdbVersion as string | undefined) ??
      null,
  };
  const result: BenchResult = {
    startedAt: new Date().toISOString(),
    commit: dirty ? `${commit}-dirty` : commit,
    machine: {
      cpu: os.cpus()[0]?.model ?? "unknown",
      cores: os.cpus().length,
      memoryGB: Math.round(os.totalmem() / 1e9),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
    },
    database,
    options: {
      sizes,
      duration,
      connections,
      lagSeconds: Number(args["lag-seconds"]),
      lagRate: Number(args["lag-rate"]),
    },
    sizes: [],
  };

  const stopAll = async () => {
    await client.close().catch(() => undefined);
    await baseline.stop();
    await app.stop();
  };
  process.on("SIGINT", () => void stopAll().finally(() => process.exit(130)));

  try {
    const tickets = db.collection("tickets");
    let chosen: Chosen | undefined;
    for (const [index, size] of sizes.entries()) {
      const before = await tickets.countDocuments({});
      const missing = size - before;
      const seedStarted = Date.now();
      if (missing > 0) {
        log(`seeding ${missing} tickets (to ${size})…`);
        await seedWithScript(app.mongoUri, missing, Number(args.seed) + index);
      }
      await waitForEmptyBacklog(db);
      const seedSeconds = (Date.now() - seedStarted) / 1000;
      const atStart = await tickets.countDocuments({});
      log(`== ${size}: ${atStart} tickets (seeded in ${seedSeconds.toFixed(0)} s)`);

      await sleep(2_000);
      const idle = {
        app: toMB(appPid ? memoryOf(appPid) : null),
        db: toMB(dbPid ? memoryOf(dbPid) : null),
      };
      log(`idle RSS: app ${idle.app} MB, database ${idle.db ?? "-"} MB`);

      // A policy change before the reads: every open ticket gets clocks (and a due time to sort
      // by), and the recompute is measured.
      await waitForEmptyBacklog(db);
      log("SLA: a policy change, recomputing every open ticket's clocks…");
      const sla = await measureSlaRecompute(
        { baseURL: app.baseURL, token: app.apiToken },
        appPid ?? null,
      );
      log(
        `SLA recompute: ${sla.tickets} clocks in ${sla.seconds} s, ${sla.ticketsPerSecond}/s, app peak ${sla.appPeakMB} MB`,
      );
      await waitForEmptyBacklog(db);

      const fixtures = await gatherFixtures(app.baseURL, baselineURL, app.apiToken, chosen);
      chosen ??= fixtures.chosen;
      fixtures.fixtures.feedEnd =
        (
          await db
            .collection<{ _id: string; visible: number }>("events_sequence")
            .findOne({ _id: "feed" })
        )?.visible ?? 0;
      const appMem = appPid ? sampleMemory(appPid) : null;
      const dbMem = dbPid ? sampleMemory(dbPid) : null;
      const ops: OpResult[] = [];
      for (const op of operations(fixtures.fixtures, fixtures.page20AppCursor)) {
        const entry: OpResult = { key: op.key, label: op.label, kind: op.kind, sides: {} };
        if (op.kind === "command" && fixtures.fixtures.rawIds.length === 0) {
          await createRawTickets(fixtures.fixtures);
        }
        for (const side of ["app", "pre", "raw"] as Side[]) {
          const target = op.targets[side];
          if (!target) continue;
          // Each measurement starts with the projector idle: no side pays for another's backlog.
          await waitForEmptyBacklog(db);
          const settle = side === "app" ? undefined : settleBaseline;
          const m = await measure(target, {
            connections: op.connections ?? connections,
            duration,
            settle,
          });
          await settle?.();
          entry.sides[side] = m;
          log(`${op.label.padEnd(38)} ${side.padEnd(3)} ${fmt(m)}`);
          if (op.key === "cmd.create" && side === "raw") {
            // The raw inserts would grow the desk by thousands: only the few the raw status and
            // note writes use stay.
            await fetch(`${baselineURL}/raw/cleanup`, {
              method: "POST",
              body: JSON.stringify({
                keep: [...fixtures.fixtures.rawIds, fixtures.fixtures.raw.longId].join(","),
              }),
            });
          }
        }
        if (op.listFilter) entry.dbBytes = await listDbBytes(db, op.listFilter);
        ops.push(entry);
      }
      const load = { app: toMB(appMem?.stop().peak ?? null), db: toMB(dbMem?.stop().peak ?? null) };
      log(`RSS under load (max): app ${load.app} MB, database ${load.db ?? "-"} MB`);

      await waitForEmptyBacklog(db);
      const api = { baseURL: app.baseURL, token: app.apiToken };
      const feedEnd = async () =>
        (
          await db
            .collection<{ _id: string; visible: number }>("events_sequence")
            .findOne({ _id: "feed" })
        )?.visible ?? 0;
      const webhookRates = [];
      for (const [receivers, events] of [
        [1, 2_000],
        [10, 1_000],
      ] as const) {
        log(`webhooks: the last ${events} events replayed to ${receivers} receiver(s)…`);
        const rate = await measureWebhookRate(api, await feedEnd(), receivers, events);
        log(
          `webhooks to ${receivers}: ${rate.deliveries} deliveries in ${rate.seconds} s, ${rate.perSecond}/s, ${rate.missing} missing`,
        );
        webhookRates.push(rate);
      }

      await waitForEmptyBacklog(db);
      const webhookLag = await webhookLagProbe(api);
      log(`projection lag at ${args["lag-rate"]} commands/s for ${args["lag-seconds"]} s…`);
      const lag = await measureLag({
        onAck: webhookLag.ack,
        baseURL: app.baseURL,
        token: app.apiToken,
        db,
        pool: fixtures.lagIds,
        rate: Number(args["lag-rate"]),
        seconds: Number(args["lag-seconds"]),
      });
      log(
        `lag p50 ${lag.lagP50} ms · p99 ${lag.lagP99} ms · max ${lag.lagMax} ms · backlog max ${lag.backlogMax} · ${lag.acknowledged}/${lag.sent} acknowledged`,
      );

      const webhookLagResult = await webhookLag.finish();
      log(
        `webhook lag (answer → receiver 2xx): p50 ${webhookLagResult.p50} ms · p99 ${webhookLagResult.p99} ms · max ${webhookLagResult.max} ms · ${webhookLagResult.missing} missing`,
      );

      await waitForEmptyBacklog(db);
      log("SSE: 200 clients on one app process, 10 notes/s for 15 s…");
      const sse = await measureSse(api, {
        clients: 200,
        events: 150,
        rate: 10,
        ticketIds: fixtures.lagIds,
        watchMemory: () => (appPid ? sampleMemory(appPid) : null),
      });
      log(
        `SSE: ${sse.clients} clients connected in ${sse.connectSeconds} s; ${sse.events} events, answer → client p50 ${sse.p50} ms · p99 ${sse.p99} ms · max ${sse.max} ms · ${sse.missing} missing; app peak ${sse.appPeakMB} MB`,
      );

      await waitForEmptyBacklog(db);
      log("projections:rebuild…");
      const rebuild = await runRebuild(app.mongoUri);
      log(
        `rebuild: ${rebuild.tickets} tickets, ${rebuild.ticketsPerSecond}/s, wall ${rebuild.wallSeconds} s, peak RSS ${rebuild.peakRssMB} MB`,
      );

      const sizeResult: SizeResult = {
        size,
        tickets: { atStart, atEnd: await tickets.countDocuments({}) },
        seedSeconds: Math.round(seedSeconds),
        ops,
        lag,
        push: { webhookRates, webhookLag: webhookLagResult, sse },
        rebuild,
        sla,
        memory: { appIdleMB: idle.app, appLoadMB: load.app, dbIdleMB: idle.db, dbLoadMB: load.db },
      };
      result.sizes.push(sizeResult);
      await writeReport(result, {
        out: path.resolve(PROJECT_ROOT, args.out),
        partial: index < sizes.length - 1,
        updateDocs: false,
      });
    }
    const files = await writeReport(result, {
      out: path.resolve(PROJECT_ROOT, args.out),
      partial: false,
      updateDocs,
    });
    log(`results: ${files.join(", ")}`);
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
