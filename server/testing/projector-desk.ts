import { feedProblems, type FeedConsumer } from "@/server/testing/feed-consumer";
import type { WebhookConsumer } from "@/server/testing/webhook-consumer";
import { ObjectId, type MongoClient } from "mongodb";
import { afterAll, beforeAll, expect } from "vitest";
import type { Collections } from "@/server/db/collections";
import { verifyProjections } from "@/server/projections/verify";
import {
  startApp,
  startProjector,
  type AppProcess,
  type ProjectorProcess,
} from "@/server/testing/app-process";
import { handlerLoad } from "@/server/testing/handler-load";
import { givenLoadAgents, responseProblem, type Sent } from "@/server/testing/http-load";
import {
  quiesceSla,
  dashboardVersusRecount,
  historyProblems,
  lostAcknowledged,
  openDesk,
} from "@/server/testing/projection-checks";

export interface ProjectorDesk {
  readonly app: AppProcess;
  /** A client of the app's database, and its collections. */
  readonly cols: Collections;
  /** Commands through the handlers in this process, which only queue them (handler-load.ts). */
  readonly script: Awaited<ReturnType<typeof handlerLoad>>;
  /** Starts a projector process on the app's database; every one still running stops at the end. */
  spawnProjector(env?: Record<string, string>): ProjectorProcess;
}

/**
 * The set-up of the projector fault tests, registered as this file's beforeAll/afterAll: an app
 * without an in-process projector, a direct client of its database, and the command handlers
 * in this process. So the projector processes the test starts (and kills) do the projecting.
 */
export function projectorDesk(): ProjectorDesk {
  let app: AppProcess | undefined;
  let desk: { client: MongoClient; cols: Collections } | undefined;
  let script: ProjectorDesk["script"] | undefined;
  const running = new Set<ProjectorProcess>();

  beforeAll(async () => {
    // Webhook receivers in these tests listen on 127.0.0.1.
    app = await startApp({
      env: { PROJECTOR_IN_PROCESS: "false", WEBHOOKS_ALLOW_PRIVATE: "true" },
    });
    desk = await openDesk(app.mongoUri);
    await givenLoadAgents(desk.cols);
    process.env.MONGODB_URI = app.mongoUri; // before the handlers are first imported
    script = await handlerLoad();
  });

  afterAll(async () => {
    await Promise.all([...running].map((p) => p.kill()));
    await script?.close();
    await desk?.client.close();
    await app?.stop();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not set up yet (use it inside a test)`);
    return value;
  };
  return {
    get app() {
      return ready(app, "the app");
    },
    get cols() {
      return ready(desk, "the database client").cols;
    },
    get script() {
      return ready(script, "the command handlers");
    },
    spawnProjector(env = {}) {
      const projector = startProjector(ready(app, "the app").mongoUri, {
        WEBHOOKS_ALLOW_PRIVATE: "true",
        ...env,
      });
      running.add(projector);
      void projector.exited.then(() => running.delete(projector));
      return projector;
    },
  };
}

/**
 * What every projector fault test asserts once the queue has drained: each API answer was one
 * the contract allows, nothing acknowledged is lost, every history is whole, the read models
 * verify with no drift, and the dashboard equals a recount of the write model.
 */
export async function expectDeskExact(
  desk: ProjectorDesk,
  label: string,
  load: { sent: Sent[]; tickets: string[]; policyVersions?: number[] },
  feed?: FeedConsumer,
  webhooks?: WebhookConsumer,
) {
  const { app, cols, script } = desk;
  await quiesceSla(app, label);
  const problems = load.sent.map((s) => responseProblem(s)).filter(Boolean);
  expect.soft(problems.slice(0, 20), `${problems.length} bad responses`).toEqual([]);
  const acknowledged = [...load.sent, ...script.acknowledged];
  expect.soft(await lostAcknowledged(cols, acknowledged)).toEqual([]);
  expect.soft(await historyProblems(cols)).toEqual([]);

  if (load.policyVersions) {
    const policies = await cols.db
      .collection<{ version: number }>("sla_policies")
      .find({}, { projection: { version: 1 } })
      .toArray();
    const saved = new Set(policies.map((p) => p.version));
    const lost = load.policyVersions.filter((v) => !saved.has(v));
    expect.soft(lost, "acknowledged SLA policy versions missing").toEqual([]);
    const events = await cols.tickets
      .aggregate<{ n: number }>([
        { $unwind: "$history" },
        { $match: { "history.type": { $in: ["SlaWarning", "SlaBreached"] } } },
        { $count: "n" },
      ])
      .toArray();
    console.log(
      `${label}: ${load.policyVersions.length} SLA policies saved, ${events[0]?.n ?? 0} SLA warnings and breaches recorded`,
    );
  }

  const report = await verifyProjections(cols, { waitForQueueMs: 30_000 });
  console.log(
    `${label}: verify: ${report.tickets} tickets, ${report.pending} pending, ${report.drift.length} drift`,
  );
  // What the drifted tickets last went through, to tell a lost projection from a bad one.
  for (const ticketId of [...new Set(report.drift.map((d) => d.ticketId))].slice(0, 5)) {
    if (!ticketId || !/^[0-9a-f]{24}$/.test(ticketId)) continue;
    const doc = await cols.tickets.findOne({ _id: ObjectId.createFromHexString(ticketId) });
    const last = doc?.history
      .slice(-3)
      .map((h) => `v${h.version} ${h.type} by ${h.actor.name} at ${h.at.toISOString()}`);
    console.log(
      `${label}: drifted ${ticketId}: v${doc?.version}, projected v${doc?.projectedVersion}, dirty ${doc?.dirtySince?.toISOString() ?? "no"}; ${last?.join("; ")}`,
    );
  }
  expect.soft(report.drift.slice(0, 20)).toEqual([]);
  expect.soft(report.pending).toBe(0);
  expect.soft(report.tickets).toBe(load.tickets.length);

  if (feed) {
    await feed.stop();
    await feed.catchUp();
    const problems = await feedProblems(cols, feed.events);
    console.log(
      `${label}: event feed: ${feed.events.length} events read, ${feed.failures} failed requests retried, ${problems.length} problems`,
    );
    expect.soft(problems.slice(0, 20)).toEqual([]);

    if (webhooks) {
      // Deliveries follow the feed: wait (bounded) until the receiver has every event of it. A
      // projector killed mid-delivery holds its claim for 30 s before another takes over.
      const deadline = Date.now() + 120_000;
      while (webhooks.distinct() < feed.events.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const wrong = webhooks.problems(feed.events);
      expect.soft(wrong.slice(0, 20)).toEqual([]);
    }
  }

  const { api, recount } = await dashboardVersusRecount(app.baseURL, app.apiToken, cols);
  expect.soft(api).toEqual(recount);
  expect.soft(recount.total).toBe(load.tickets.length);
}
