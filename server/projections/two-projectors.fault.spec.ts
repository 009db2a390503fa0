import { FeedConsumer } from "@/server/testing/feed-consumer";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { ticketListCollections } from "@/server/read-models/ticket-list/collections";
import { DeskLoad } from "@/server/testing/http-load";
import { waitForDrain } from "@/server/testing/projection-checks";
import { expectDeskExact, projectorDesk } from "@/server/testing/projector-desk";

// Two projector processes started at the same moment on one backlog: leases and version guards
// must keep them from projecting anything twice or counting anything twice.
//
// Why the backlog is written with the command handlers in this process and not through the
// API: even with PROJECTOR_IN_PROCESS=false, the web server projects the ticket a command just
// wrote, as a best effort (nudgeProjector in server/projections/runtime.ts), so commands sent
// over HTTP leave almost no backlog (measured: 7 queued after 200 creates and 600 commands).
// The handlers in a process without a projector only queue, like the seeding script does. The
// API still takes commands while the two projectors drain, so the web server's own best-effort
// projections join the race as a third contender.
const TICKETS = Number(process.env.FAULT_BACKLOG_TICKETS ?? 200);
const COMMANDS = Number(process.env.FAULT_BACKLOG_COMMANDS ?? 400);

const desk = projectorDesk();

describe("two projector processes started at once on a backlog", () => {
  it("drain it together with nothing projected or counted twice", async () => {
    const { app, cols, script } = desk;
    const { baseURL, apiToken } = app;
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < TICKETS; i++) ids.push(await script.create());
    await Promise.all(
      Array.from({ length: 4 }, async (_, writer) => {
        for (let i = writer; i < COMMANDS; i += 4) await script.one(ids);
      }),
    );
    const backlog = await cols.projectionQueue.countDocuments({});
    console.log(
      `two projectors: backlog of ${backlog} queued tickets (${ids.length} tickets, ` +
        `${COMMANDS} commands, ${script.refused()} refused) written in ${Date.now() - started} ms`,
    );
    expect(backlog).toBe(ids.length);
    expect(await ticketListCollections(cols).rows.countDocuments({})).toBe(0);

    const feed = new FeedConsumer(baseURL, apiToken);
    feed.start();
    const drainStarted = Date.now();
    const projectors = [desk.spawnProjector(), desk.spawnProjector()];
    const load = new DeskLoad(baseURL, apiToken);
    load.tickets.push(...ids);
    const meanwhile = load.run({ clients: 2, count: 100, forMs: 30_000 });
    await Promise.all(projectors.map((p) => p.ready));
    await meanwhile;
    const drainMs = await waitForDrain(cols, 120_000);
    console.log(
      `two projectors: drained ${Date.now() - drainStarted} ms after both were started ` +
        `(${drainMs} ms after the last API command); responses ${JSON.stringify(load.summary())}`,
    );

    // Each projector's heartbeat (about once a second) says how much it did: wait for a beat
    // of each written after the drain.
    const drained = new Date();
    const shares = await Promise.all(
      projectors.map(async (p) => {
        const deadline = Date.now() + 15_000;
        for (;;) {
          const beat = await cols.projectorStatus.findOne({ _id: p.owner()! });
          if ((beat && beat.heartbeatAt > drained) || Date.now() > deadline) {
            return beat?.projected ?? 0;
          }
          await sleep(100);
        }
      }),
    );
    console.log(`two projectors: projected ${shares.join(" and ")} tickets`);
    expect
      .soft(
        shares.every((n) => n > 0),
        "both projectors took part",
      )
      .toBe(true);

    await expectDeskExact(desk, "two projectors", load, feed);

    await Promise.all(projectors.map((p) => p.stop()));
    console.log(`two projectors: ${Math.round((Date.now() - started) / 1000)} s in all`);
  });
});
