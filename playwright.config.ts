import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH, STORAGE_STATE } from "./e2e/accounts";

// The base URL is chosen by the global set-up (a free port) and reaches the workers through the
// environment, which they inherit.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: CHROMIUM_LAUNCH,
    // Signed in as the agent unless a test picks the lead (or no one).
    storageState: STORAGE_STATE.agent,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
