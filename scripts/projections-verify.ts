// `npm run projections:verify`: recomputes every read model from the write model and prints
// the differences. Exit code 0 when clean, 1 on drift, 2 when it could not check.
// Uses MONGODB_URI, or the embedded database of a running app.
//   --json        the report as JSON instead of the summary
//   --wait-ms N   how long to wait for the projection queue to drain first (default 30000)
import { closeDb, databaseUri, getCollections } from "../server/db/client";
import type { Drift } from "../server/read-models/read-model";
import { verifyProjections } from "../server/projections/verify";

const SHOWN = 50;

function parseArgs(args: string[]): { json: boolean; waitForQueueMs: number } {
  let json = false;
  let waitForQueueMs = 30_000;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") json = true;
    else if (arg === "--wait-ms") {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 0) {
        throw new Error("--wait-ms needs a number of milliseconds (0 or more)");
      }
      waitForQueueMs = value;
    } else {
      throw new Error(`unknown argument ${arg}; usage: projections:verify [--json] [--wait-ms N]`);
    }
  }
  return { json, waitForQueueMs };
}

async function main(): Promise<number> {
  const { json, waitForQueueMs } = parseArgs(process.argv.slice(2));
  const where = databaseUri().replace(/\/\/[^@]*@/, "//***@");
  const cols = await getCollections();
  if (!json) {
    console.log(`Verifying the read models (generation ${cols.generation}) in ${where}`);
  }

  // A progress line only for a person watching; logs and pipes get the summary alone.
  const live = process.stderr.isTTY;
  const report = await verifyProjections(cols, {
    waitForQueueMs,
    onProgress: live
      ? (done, total) => process.stderr.write(`\r  compared ${done}/${total} tickets`)
      : undefined,
  });
  if (live) process.stderr.write("\r\x1b[K");

  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return report.drift.length === 0 ? 0 : 1;
  }

  console.log(`Tickets checked: ${report.tickets}`);
  console.log(
    report.pending === 0
      ? "Pending projection: 0"
      : `Pending projection: ${report.pending} (still queued after ${waitForQueueMs} ms; their out-of-date documents count as drift, wait longer with --wait-ms)`,
  );
  if (report.drift.length === 0) {
    console.log("Drift: none, every read model matches the write model.");
    return 0;
  }

  const groups = new Map<string, number>();
  for (const { readModel, kind } of report.drift) {
    const group = `${readModel} ${kind}`;
    groups.set(group, (groups.get(group) ?? 0) + 1);
  }
  console.log(`Drift: ${report.drift.length}`);
  for (const [group, count] of groups) console.log(`  ${group}: ${count}`);

  const line = (d: Drift) =>
    `  [${d.readModel} ${d.kind}] ${d.ticketId ? `${d.ticketId}: ` : ""}${d.detail}`;
  console.log(report.drift.length > SHOWN ? `First ${SHOWN}:` : "Details:");
  for (const d of report.drift.slice(0, SHOWN)) console.log(line(d));
  if (report.drift.length > SHOWN) {
    console.log(`  … and ${report.drift.length - SHOWN} more (--json lists them all)`);
  }
  return 1;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    // A message, not a stack: the usual causes (no database, a bad argument) need no trace.
    console.error(error instanceof Error ? error.message : String(error));
    await closeDb().catch(() => undefined);
    process.exit(2);
  });
