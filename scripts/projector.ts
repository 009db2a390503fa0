// `npm run projector`: a projector in its own process. Several may run at once; leases keep
// them from stepping on each other. Uses MONGODB_URI, or the embedded database of a running app.
import { Projector } from "../server/projections/projector";
import { closeDb, databaseUri, getCollections, reportDatabaseOutcome } from "../server/db/client";
import { env } from "../server/env";
import { migrateWriteModel } from "../server/migrations/conversations";
import { startWebhookDispatcher, stopWebhookDispatcher } from "../server/webhooks/runtime";
import { startSlaClock, stopSlaClock } from "../server/sla/runtime";

const projector = new Projector({
  collections: getCollections,
  onDatabaseOutcome: reportDatabaseOutcome,
  delayMs: env.PROJECTION_DELAY_MS,
  pollMs: env.PROJECTOR_POLL_MS,
});

async function stop() {
  await Promise.all([projector.stop(), stopWebhookDispatcher(), stopSlaClock()]);
  await closeDb();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

console.log(
  `[projector] ${projector.owner} projecting from ${databaseUri().replace(/\/\/[^@]*@/, "//***@")}`,
);
// Tickets of an older shape are upgraded before they are projected (the app does it too).
await migrateWriteModel((await getCollections()).db);
projector.start();
// Webhook deliveries run beside the projections, under leases of their own; so do SLA timers.
startWebhookDispatcher();
startSlaClock();
