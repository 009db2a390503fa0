import { startApp } from "../server/testing/app-process";

/**
 * Starts the app exactly as the start command does (scripts/serve.ts: embedded database, then
 * the production build), but on 127.0.0.1, a free port and a fresh data directory, with a
 * visible projection delay. Returns the teardown, which stops it and removes the data.
 */
export default async function globalSetup() {
  const app = await startApp({
    env: {
      // A database or projector settings given to the test run still apply to the app.
      MONGODB_URI: process.env.MONGODB_URI,
      PROJECTOR_IN_PROCESS: process.env.PROJECTOR_IN_PROCESS,
      PROJECTOR_POLL_MS: process.env.PROJECTOR_POLL_MS,
      PROJECTION_DELAY_MS: process.env.PROJECTION_DELAY_MS ?? "1500",
    },
    readyTimeoutMs: 60_000,
  });
  process.env.E2E_BASE_URL = app.baseURL;
  return () => app.stop();
}
