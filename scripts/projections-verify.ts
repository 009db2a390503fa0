// `npm run projections:verify`: recomputes every read model from the write model and prints
// the differences. Exit code 0 when clean, 1 on drift, 2 when it could not check.
// Uses MONGODB_URI, or the embedded database of a running app.
import { closeDb, databaseUri, getCollections } from "../server/db/client";
import { verifyProjections, type Drift } from "../server/projections/verify";

const json = process.argv.includes("--json");
const waitArg = process.argv.indexOf("--wait-ms");
const waitForQueueMs = waitArg > 0 ? Number(process.argv[waitArg + 1]) : 30_000;

async function main(): Promise<number> {
  if (!json)
    console.log(`Verifying the read models in ${databaseUri().replace(/\/\/[^@]*@/, "//***@")}`);
  const cols = await getCollections();
  const report = await verifyProjections(cols, { waitForQueueMs });
  if (json) {
    console.log(JSON.stringify({ generation: cols.generation, ...report }, null, 2));
    return report.drift.length === 0 ? 0 : 1;
  }
  console.log(
    `${report.tickets} tickets checked against generation ${cols.generation}; ${report.pending} still pending projection.`,
  );
  if (report.drift.length === 0) {
    console.log("No drift: every read model matches the write model.");
    return 0;
  }
  const groups = new Map<string, number>();
  for (const d of report.drift)
    groups.set(`${d.readModel} ${d.kind}`, (groups.get(`${d.readModel} ${d.kind}`) ?? 0) + 1);
  console.log(`Drift: ${report.drift.length} differences`);
  for (const [group, count] of groups) console.log(`  ${group}: ${count}`);
  const line = (d: Drift) =>
    `  ${d.readModel} ${d.kind}${d.ticketId ? ` ${d.ticketId}` : ""}: ${d.detail}`;
  for (const d of report.drift.slice(0, 50)) console.log(line(d));
  if (report.drift.length > 50)
    console.log(`  … and ${report.drift.length - 50} more (use --json for all)`);
  return 1;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await closeDb().catch(() => undefined);
    process.exit(2);
  });
