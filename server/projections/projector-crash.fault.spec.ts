import { FeedConsumer } from "@/server/testing/feed-consumer";
import { setTimeout as sleep } from "node:timers/promises";
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Collections } from "@/server/db/collections";
import { DeskLoad } from "@/server/testing/http-load";
import { runVerifyScript, waitForDrain } from "@/server/testing/projection-checks";
import { expectDeskExact, projectorDesk } from "@/server/testing/projector-desk";
import { WebhookConsumer } from "@/server/testing/webhook-consumer";

// The projector is SIGKILLed at random moments while six clients send every kind of command
// through the API, and restarted each time. Nothing acknowledged may be lost, no read model may
// drift, and the dashboard must equal a recount of the write model; a feed consumer and a
// webhook receiver must each get every change (the receiver at least once, in feed order).
//
// The web server projects the ticket of each command it serves itself, as a best effort (even
// with PROJECTOR_IN_PROCESS=false), which would leave the projector process little to do and
// little to be killed in the middle of. So a script in this process also writes commands, one
// at a time, through the command handlers, which only queue them, as the seeding script does:
// those only a projector process projects, and they pile up while one is starting.
//
// The embedded database does roughly a dozen commands a second with their projections on two
// cores, so the load is capped in time as well as in number: FAULT_COMMANDS (2,000) or
// FAULT_LOAD_MS (300 s), whichever comes first: all 2,000 are sent in practice (about three
// minutes). Lower FAULT_COMMANDS for a quicker local run.
const TICKETS = Number(process.env.FAULT_TICKETS ?? 150);
const COMMANDS = Number(process.env.FAULT_COMMANDS ?? 2_000);
const LOAD_MS = Number(process.env.FAULT_LOAD_MS ?? 300_000);

const desk = projectorDesk();

/**
 * Keeps one projector running and SIGKILLs it at a random moment, then starts the next, until
 * told to stop. Every other kill comes 0.2–1.5 s (at random) after the projector's start line,
 * while it connects and starts its sweep; the others 0.2–1.5 s after its first heartbeat, so in
 * the middle of projections and of the background sweep. (Under this load, connecting takes a
 * few seconds: a projector always killed 0.2–1.5 s after its start would never project.)
 */
async function chaos(cols: Collections, done: () => boolean) {
  const killed = new Set<string>();
  const heldClaim = new Set<string>();
  let whileStarting = 0;
  // A kill mid-projection leaves its claim leased (for 30 s) and maybe some read models and a
  // dashboard sync half written: exactly what the other projectors must recover from. (A claim
  // sent just before the kill can land after it, so every check looks at all the dead ones.)
  const lookForClaims = async () => {
    for (const entry of await cols.projectionQueue.find({}).toArray()) {
      const holder = entry.owner?.slice(0, entry.owner.lastIndexOf(":"));
      if (holder && killed.has(holder)) heldClaim.add(holder);
    }
  };
  while (!done()) {
    const projector = desk.spawnProjector({ PROJECTOR_POLL_MS: "50" });
    await projector.ready;
    const owner = projector.owner()!;
    if (killed.size % 2 === 1) whileStarting++;
    else {
      const deadline = Date.now() + 60_000;
      while (!(await cols.projectorStatus.findOne({ _id: owner })) && Date.now() < deadline) {
        await sleep(50);
      }
    }
    await sleep(200 + randomInt(1_300));
    await projector.kill();
    killed.add(owner);
    await lookForClaims();
  }
  await sleep(500);
  await lookForClaims();
  return { kills: killed.size, whileStarting, killedHoldingClaim: heldClaim.size };
}

describe("projector processes killed with SIGKILL under load", () => {
  it(
    "lose no acknowledged command; read models and dashboard end exact",
    async () => {
      const { app, cols, script } = desk;
      const { baseURL, mongoUri, apiToken } = app;
      const load = new DeskLoad(baseURL, apiToken);
      // A consumer of the event feed pages through it all along, as an integration would.
      const feed = new FeedConsumer(baseURL, apiToken);
      feed.start();
      // And a webhook receiver gets it all delivered, by projectors that are being killed.
      const webhooks = await WebhookConsumer.start();
      await webhooks.subscribe(baseURL, apiToken);
      const started = Date.now();

      let loading = true;
      let chaosFailed: unknown;
      const killing = chaos(cols, () => !loading).catch((error: unknown) => {
        chaosFailed = error;
        loading = false;
      });
      try {
        await Promise.all(
          Array.from({ length: 6 }, async (_, client) => {
            for (let i = client; i < TICKETS; i += 6) await load.create();
          }),
        );
        const created = Date.now();
        const writing = (async () => {
          while (loading) await script.one(load.tickets);
        })();
        await load.run({ clients: 6, count: COMMANDS, forMs: LOAD_MS, stop: () => !loading });
        loading = false;
        await writing;
        console.log(
          `crash: ${load.tickets.length} tickets created in ${created - started} ms, then ` +
            `${load.sent.length - TICKETS} commands through the API and ` +
            `${script.acknowledged.length + script.refused()} through the handlers ` +
            `(${script.refused()} refused) in ${Date.now() - created} ms`,
        );
      } finally {
        loading = false;
      }
      const figures = await killing;
      if (!figures) throw chaosFailed;
      console.log("crash: responses", JSON.stringify(load.summary()));
      console.log(
        `crash: ${figures.kills} projectors SIGKILLed, ${figures.killedHoldingClaim} of them ` +
          `holding a claim (killed mid-projection), ${figures.whileStarting} killed while ` +
          `connecting or sweeping`,
      );

      const reopens = load.sent.filter((s) => s.kind === "reopen" && s.knownClosed);
      expect.soft(reopens.length, "reopen attempts on closed tickets").toBeGreaterThan(0);
      expect.soft(figures.kills).toBeGreaterThan(3);
      expect
        .soft(figures.killedHoldingClaim, "kills in the middle of a projection")
        .toBeGreaterThan(0);

      // A fresh projector brings everything up to date.
      const last = desk.spawnProjector();
      await last.ready;
      const drainMs = await waitForDrain(cols, 120_000);
      console.log(`crash: a fresh projector drained the queue in ${drainMs} ms`);

      await expectDeskExact(desk, "crash", load, feed, webhooks);
      await webhooks.close();

      const verifyScript = await runVerifyScript(mongoUri);
      console.log(`crash: npm run projections:verify exited ${verifyScript.code}`);
      expect.soft(verifyScript.code, verifyScript.output).toBe(0);

      await last.stop();
      console.log(`crash: ${Math.round((Date.now() - started) / 1000)} s in all`);
    },
    LOAD_MS + 180_000,
  );
});
