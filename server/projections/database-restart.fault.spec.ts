import { FeedConsumer, feedProblems } from "@/server/testing/feed-consumer";
import { setTimeout as sleep } from "node:timers/promises";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Collections } from "@/server/db/collections";
import { freePort, startEmbeddedDb, type EmbeddedDb } from "@/server/db/embedded";
import { verifyProjections } from "@/server/projections/verify";
import { startApp, type AppProcess } from "@/server/testing/app-process";
import { DeskLoad, givenLoadAgents, responseProblem, type Sent } from "@/server/testing/http-load";
import {
  quiesceSla,
  dashboardVersusRecount,
  historyProblems,
  lostAcknowledged,
  openDesk,
  waitForDrain,
} from "@/server/testing/projection-checks";

// The database stops in the middle of a stream of commands and comes back four seconds later on
// the same port and files. Clients may see 503s meanwhile, never a 500 or a hang; whatever was
// acknowledged is in the write model, and the in-process projector catches up by itself.
// (FerretDB takes about 3 s to stop under load and under a second to start.)
const STREAM_MS = 16_000;
const STOP_AT_MS = 3_000;
const DOWN_MS = 4_000;
/** After the stream, how long the app may take to answer from the database again. */
const RECOVERY_MS = 15_000;

let dataDir: string | undefined;
let db: EmbeddedDb | undefined;
let app: AppProcess | undefined;
let desk: { client: MongoClient; cols: Collections } | undefined;
/** FerretDB's own log lines (errors only), for failure messages. */
const dbLog: string[] = [];
const onLog = (line: string) => void dbLog.push(line);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "support-desk-restart-"));
  db = await startEmbeddedDb({ dataDir, port: await freePort(), onLog });
  app = await startApp({ env: { MONGODB_URI: db.uri } });
  const seeding = await openDesk(db.uri);
  await givenLoadAgents(seeding.cols);
  await seeding.client.close();
});

afterAll(async () => {
  await desk?.client.close();
  await app?.stop();
  await db?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Names the step a driver error came from (its own stack names only the driver). */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const log = dbLog.slice(-20).join("\n");
    throw new Error(`${name}: ${String(error)}\nFerretDB logged:\n${log}`, { cause: error });
  }
}

/** Status codes of the commands sent between two moments. */
function codes(sent: Sent[], from: number, to: number) {
  const counts: Record<string, number> = {};
  for (const s of sent.filter((s) => s.at >= from && s.at < to)) {
    const code = s.status === 0 ? "none" : String(s.status);
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

/** Polls GET /api/dashboard (it reads the database) until it answers 200. */
async function recovered(baseURL: string, withinMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    try {
      const res = await fetch(`${baseURL}/api/dashboard`, {
        headers: { authorization: `Bearer ${app!.apiToken}` },
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      if (res.ok) return Date.now() - started;
    } catch {
      // keep polling
    }
    await sleep(500);
  }
  return null;
}

// Two driver behaviours this test caught, each in some runs only (it depends on where the stop
// lands), and how the product now handles them:
// 1. The MongoDB driver (7.9.0) can send its monitor's `hello`, or a command, on a connection the
//    stopping server then closes, and that call never settles; the monitor then stops for good.
//    The app replaces a client that has failed for 10 s in a row (server/db/client.ts), and the
//    projector bounds every step, treating one that never finishes as a transient failure
//    (settleWithin in server/projections/projector.ts).
// 2. A write to a socket the server has just ended can reject with Node's raw EPIPE instead of
//    a MongoNetworkError; isTransientDatabaseError (server/db/errors.ts) counts socket error
//    codes as transient, so the answer is a 503, not a 500.
describe("the database restarts under load", () => {
  it("answers 2xx, 409 or 503 (never 500, never a hang) and loses nothing acknowledged", async () => {
    const { baseURL } = app!;
    const load = new DeskLoad(baseURL, app!.apiToken);
    for (let i = 0; i < 30; i++) await load.create();
    // A consumer of the event feed pages through it all along, across the restart.
    const feed = new FeedConsumer(baseURL, app!.apiToken);
    feed.start();

    const started = Date.now();
    const times = { stopAt: 0, stoppedAt: 0, upAt: 0 };
    const outage = (async () => {
      await sleep(STOP_AT_MS);
      times.stopAt = Date.now();
      await db!.stop();
      times.stoppedAt = Date.now();
      await sleep(DOWN_MS);
      db = await startEmbeddedDb({ dataDir: dataDir!, port: db!.port, onLog });
      times.upAt = Date.now();
    })();
    await Promise.all([outage, load.run({ clients: 4, count: Infinity, forMs: STREAM_MS })]);

    const rel = (t: number) => t - started;
    const during = codes(load.sent, times.stoppedAt, times.upAt);
    const after = codes(load.sent, times.upAt, Infinity);
    console.log(
      `restart: stop asked at ${rel(times.stopAt)} ms, down from ${rel(times.stoppedAt)} ms ` +
        `to ${rel(times.upAt)} ms of a ${STREAM_MS} ms stream; sent while down ` +
        `${JSON.stringify(during)}, after ${JSON.stringify(after)}; ` +
        `all ${JSON.stringify(load.summary())}`,
    );

    const problems = load.sent
      .map((s) => responseProblem(s, { allowUnavailable: true }))
      .filter(Boolean);
    const logged = app!
      .output()
      .split("\n")
      .filter((line) => !line.startsWith("[projector]"))
      .slice(-40)
      .join("\n");
    expect
      .soft(problems.slice(0, 20), `${problems.length} bad responses; the app logged:\n${logged}`)
      .toEqual([]);
    const slow = load.sent.filter((s) => s.ms > 10_000);
    expect.soft(slow.map((s) => `${s.kind} ${s.status} ${s.ms} ms`)).toEqual([]);
    // Which requests fail depends on timing (one waiting for a server when the database comes
    // back succeeds), but an outage longer than the 3 s server selection timeout is felt.
    expect
      .soft(load.summary().byStatus["503"] ?? 0, "503s: the outage was felt")
      .toBeGreaterThan(0);

    desk = await openDesk(app!.mongoUri);
    const { cols } = desk;
    expect.soft(await step("lost", () => lostAcknowledged(cols, load.sent))).toEqual([]);
    expect.soft(await step("history", () => historyProblems(cols))).toEqual([]);

    // The app must find the database again by itself (see bug 1 above).
    const recoveryMs = await recovered(baseURL, RECOVERY_MS);
    console.log(`restart: the app answered from the database again after ${recoveryMs} ms`);
    expect(
      recoveryMs,
      `the app still could not reach the database ${RECOVERY_MS} ms after the stream, ` +
        `${Date.now() - times.upAt} ms after it came back:\n` +
        app!.output().split("\n").slice(-15).join("\n"),
    ).not.toBeNull();

    await step("quiet", () => quiesceSla(app!, "restart"));
    const drainMs = await step("drain", () => waitForDrain(cols, 60_000));
    console.log(`restart: queue drained ${drainMs} ms later`);
    const report = await step("verify", () => verifyProjections(cols, { waitForQueueMs: 30_000 }));
    console.log(
      `restart: verify: ${report.tickets} tickets, ${report.pending} pending, ${report.drift.length} drift`,
    );
    expect.soft(report.drift.slice(0, 20)).toEqual([]);
    expect.soft(report.pending).toBe(0);
    // A create answered 503 may still have landed: more tickets than acknowledged is fine.
    expect.soft(report.tickets).toBeGreaterThanOrEqual(load.tickets.length);

    await feed.stop();
    await step("feed", () => feed.catchUp());
    const feedProblemsFound = await step("feed", () => feedProblems(cols, feed.events));
    console.log(
      `restart: event feed: ${feed.events.length} events read, ${feed.failures} failed requests retried`,
    );
    expect.soft(feedProblemsFound.slice(0, 20)).toEqual([]);

    const { api, recount } = await step("dashboard", () =>
      dashboardVersusRecount(baseURL, app!.apiToken, cols),
    );
    expect.soft(api).toEqual(recount);
    console.log(`restart: ${Math.round((Date.now() - started) / 1000)} s from the stream's start`);
  });
});
