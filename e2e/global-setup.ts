import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../server/db/embedded";
import { spawnWatched } from "../server/process/watched";

/**
 * Starts the app exactly as the start command does (scripts/serve.ts: embedded database, then
 * the production build), but on 127.0.0.1, a free port and a fresh data directory, with a
 * visible projection delay. Returns the teardown, which stops it and removes the data.
 */
export default async function globalSetup() {
  const root = path.resolve(import.meta.dirname, "..");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "support-desk-e2e-"));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const output: string[] = [];
  const app = spawnWatched(
    process.execPath,
    [tsx, "--conditions=react-server", "scripts/serve.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: String(port),
        DATA_DIR: dataDir,
        SEED_DEMO: "false",
        PROJECTION_DELAY_MS: process.env.PROJECTION_DELAY_MS ?? "1500",
      },
    },
  );
  app.child.stdout?.on("data", (b: Buffer) => output.push(b.toString()));
  app.child.stderr?.on("data", (b: Buffer) => output.push(b.toString()));

  const deadline = Date.now() + 60_000;
  let exited = false;
  void app.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`The app exited during start-up:\n${output.join("")}`);
    try {
      if ((await fetch(`${baseURL}/tickets`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await app.stop();
      throw new Error(`The app did not start within 60 s:\n${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  process.env.E2E_BASE_URL = baseURL;

  return async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
