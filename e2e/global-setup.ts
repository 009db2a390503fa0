import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";
import { createTokenWithCli, runOperatorScript, startApp } from "../server/testing/app-process";
import { CHROMIUM_LAUNCH, E2E_ACCOUNTS, E2E_COLLEAGUES, STORAGE_STATE } from "./accounts";
import { signInWith } from "./helpers";

/**
 * Starts the app exactly as the start command does (scripts/serve.ts: embedded database, then
 * the production build), but on 127.0.0.1, a free port and a fresh data directory, with a
 * visible projection delay. Creates an agent and a lead with the operators' command
 * (`npm run users`), and colleagues to assign tickets to, read and write API tokens (`npm run tokens`), and signs each person in once
 * so tests start signed in. Returns the teardown, which stops the app and removes the data.
 */
export default async function globalSetup() {
  const app = await startApp({
    env: {
      // A database or projector settings given to the test run still apply to the app.
      MONGODB_URI: process.env.MONGODB_URI,
      PROJECTOR_IN_PROCESS: process.env.PROJECTOR_IN_PROCESS,
      PROJECTOR_POLL_MS: process.env.PROJECTOR_POLL_MS,
      PROJECTION_DELAY_MS: process.env.PROJECTION_DELAY_MS ?? "1500",
      // Event streams end every 3 s and browsers reconnect with Last-Event-ID: every journey
      // then runs across cut connections, and what it sees pushed must survive them.
      EVENTS_STREAM_MAX_SECONDS: "3",
      // The webhook journeys deliver to a receiver on 127.0.0.1.
      WEBHOOKS_ALLOW_PRIVATE: "true",
      // One SLA "minute" lasts a second, checked every 250 ms: e2e/sla.spec.ts watches a target
      // pass. The policy has no targets outside that spec, so no other journey sees clocks.
      SLA_MINUTE_MS: "1000",
      SLA_TICK_MS: "250",
    },
    readyTimeoutMs: 60_000,
  });
  try {
    process.env.E2E_BASE_URL = app.baseURL;
    process.env.E2E_MONGO_URI = app.mongoUri;
    process.env.E2E_WRITE_TOKEN = app.apiToken;
    process.env.E2E_READ_TOKEN = await createTokenWithCli(app.mongoUri, "e2e reader", "read");
    for (const account of [...Object.values(E2E_ACCOUNTS), ...E2E_COLLEAGUES]) {
      await runOperatorScript(
        "users",
        [
          "create",
          "--email",
          account.email,
          "--name",
          account.name,
          "--role",
          account.role,
          "--password",
          account.password,
        ],
        app.mongoUri,
      );
    }

    mkdirSync("test-results/.auth", { recursive: true });
    const browser = await chromium.launch(CHROMIUM_LAUNCH);
    try {
      for (const [key, account] of Object.entries(E2E_ACCOUNTS)) {
        const context = await browser.newContext({ baseURL: app.baseURL });
        const page = await context.newPage();
        await signInWith(page, account.email, account.password);
        await context.storageState({ path: STORAGE_STATE[key as keyof typeof STORAGE_STATE] });
        await context.close();
      }
    } finally {
      await browser.close();
    }
  } catch (error) {
    await app.stop();
    throw error;
  }
  return () => app.stop();
}
