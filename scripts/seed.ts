// `npm run seed -- --tickets N [--seed S] [--batch-size B] [--no-catch-up]`: adds N realistic
// tickets (on top of what the desk has), written as their command handlers would write them,
// then projects them (or, with --no-catch-up, leaves that to the projector's sweep).
// Uses MONGODB_URI, or the embedded database of a running app, or starts the embedded database
// itself on DATA_DIR (default .data) for the duration of the run.
import { randomInt } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { Presets, SingleBar } from "cli-progress";
import { DEFAULT_DATA_DIR, startEmbeddedDb, type EmbeddedDb } from "../server/db/embedded";
import { runningEmbeddedUri } from "../server/db/embedded-runtime";

const USAGE = "usage: npm run seed -- --tickets N [--seed S] [--batch-size B] [--no-catch-up]";

class UsageError extends Error {}

function wholeNumber(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new UsageError(`${name} must be a whole number.\n${USAGE}`);
  }
  return number;
}

function progressBar(unit: string): SingleBar {
  return new SingleBar(
    {
      format: `${unit.padEnd(8)} |{bar}| {percentage}% · {value}/{total} tickets · {rate}/s · ETA {eta_formatted}`,
      hideCursor: true,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 2_000,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
}

/** Drives a bar from (done, total) callbacks, with the rate measured since `started`. */
function tracker(bar: SingleBar, total: number) {
  const started = Date.now();
  bar.start(total, 0, { rate: 0 });
  return (done: number, newTotal = total) => {
    const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
    bar.setTotal(newTotal);
    bar.update(done, { rate });
  };
}

async function main(db: { embedded?: EmbeddedDb }) {
  const { values } = parseArgs({
    options: {
      tickets: { type: "string" },
      seed: { type: "string" },
      "batch-size": { type: "string" },
      "no-catch-up": { type: "boolean" },
    },
  });
  if (values.tickets === undefined) throw new UsageError(USAGE);
  const count = wholeNumber(values.tickets, "--tickets");
  const seed = wholeNumber(values.seed, "--seed", randomInt(2 ** 31));
  const batchSize = Math.max(1, wholeNumber(values["batch-size"], "--batch-size", 1_000));

  if (!process.env.MONGODB_URI) {
    const dataDir = path.resolve(process.env.DATA_DIR ?? DEFAULT_DATA_DIR);
    const running = runningEmbeddedUri(dataDir);
    if (running) process.env.MONGODB_URI = running;
    else {
      db.embedded = await startEmbeddedDb({ dataDir });
      process.env.MONGODB_URI = db.embedded.uri;
    }
  }
  // Only now: the client reads MONGODB_URI when it is first imported.
  const { databaseUri, getCollections } = await import("../server/db/client");
  const { seedTickets } = await import("../server/seed/seed");
  const { projectBacklog } = await import("../server/projections/project-backlog");

  const cols = await getCollections();
  // No count of what is there: on the embedded database it reads every ticket.
  console.log(
    `Seeding ${count.toLocaleString("en")} tickets (seed ${seed}; pass --seed ${seed} to repeat) into ${databaseUri().replace(/\/\/[^@]*@/, "//***@")}`,
  );

  const insertBar = progressBar("insert");
  const started = Date.now();
  const inserted = await seedTickets(cols, {
    count,
    seed,
    batchSize,
    onProgress: tracker(insertBar, count),
  });
  insertBar.stop();
  const insertSeconds = (Date.now() - started) / 1000;

  let projected = 0;
  let projectSeconds = 0;
  if (!values["no-catch-up"]) {
    const projectBar = progressBar("project");
    const projectStarted = Date.now();
    const onProjected = tracker(projectBar, inserted);
    projected = await projectBacklog(cols, {
      onProgress: (done, total) => onProjected(done, total),
    });
    projectBar.stop();
    projectSeconds = (Date.now() - projectStarted) / 1000;
  }

  const perSecond = (n: number, s: number) =>
    Math.round(n / Math.max(s, 0.001)).toLocaleString("en");
  console.log(
    `Done: ${inserted.toLocaleString("en")} tickets inserted in ${insertSeconds.toFixed(1)} s (${perSecond(inserted, insertSeconds)} tickets/s), ${projected.toLocaleString("en")} projected in ${projectSeconds.toFixed(1)} s (${perSecond(projected, projectSeconds)}/s).`,
  );
}

const db: { embedded?: EmbeddedDb } = {};
async function finish(code: number) {
  const { closeDb } = await import("../server/db/client");
  await closeDb().catch(() => undefined);
  await db.embedded?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void finish(130));
main(db)
  .then(() => finish(0))
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    await finish(error instanceof UsageError ? 1 : 2);
  });
