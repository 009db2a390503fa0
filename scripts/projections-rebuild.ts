// `npm run projections:rebuild`: rebuilds every read model from the write model into a new
// generation, then switches reads over in one step. Safe to interrupt: run it again to resume.
// Uses MONGODB_URI, or the embedded database of a running app.
import { SingleBar, Presets } from "cli-progress";
import { closeDb, databaseUri, getDb } from "../server/db/client";
import { rebuildReadModels } from "../server/projections/rebuild";

const batchArg = process.argv.indexOf("--batch-size");
const batchSize = batchArg > 0 ? Number(process.argv[batchArg + 1]) : 5_000;
const interactive = process.stderr.isTTY;

async function main() {
  console.log(`Rebuilding the read models in ${databaseUri().replace(/\/\/[^@]*@/, "//***@")}`);
  const db = await getDb();
  const bar = new SingleBar(
    {
      format:
        "{phase} |{bar}| {percentage}% · {value}/{total} tickets · {rate}/s · ETA {eta_formatted}",
      hideCursor: true,
      noTTYOutput: !interactive,
      notTTYSchedule: 2_000,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let shown = false;
  let base = 0;
  const state = await rebuildReadModels(db, {
    batchSize,
    log: (line) => {
      if (shown) bar.stop();
      shown = false;
      console.log(line);
    },
    onProgress: (p) => {
      if (p.phase !== "scanning") return;
      const rate = Math.round(
        (p.processed - base) / Math.max(0.001, (Date.now() - started) / 1000),
      );
      if (!shown) {
        base = base || p.processed;
        bar.start(Math.max(p.total, p.processed), p.processed, {
          phase: `generation ${p.generation}`,
          rate,
        });
        shown = true;
      }
      bar.setTotal(Math.max(p.total, p.processed));
      bar.update(p.processed, { rate });
    },
  });
  if (shown) bar.stop();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `Done: generation ${state.generation} is active (was ${state.from}); ${state.processed} tickets in ${seconds.toFixed(1)} s (${Math.round(state.processed / Math.max(seconds, 0.001))}/s), ${state.reconciled} re-projected after the switch.`,
  );
  console.log(
    `The previous generation's collections are kept; drop them when you no longer need to go back.`,
  );
}

main()
  .then(() => closeDb())
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await closeDb().catch(() => undefined);
    process.exit(1);
  });
