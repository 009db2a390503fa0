// The app and the projector as real processes, started the way operators start them, for the
// end-to-end and fault tests. No "server-only" and no "@/" imports: Playwright's global set-up
// loads this file too, outside Vitest's aliases.
import { setTimeout as sleep } from "node:timers/promises";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, PROJECT_ROOT } from "../db/embedded";
import { runtimeFile } from "../db/embedded-runtime";
import { spawnWatched, type Watched } from "../process/watched";

const TSX = path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");

// Settings the parent may carry (a developer's shell, Vitest's own) that must not leak into a
// child: each child gets exactly the configuration its caller asks for.
const NOT_INHERITED = [
  "MONGODB_URI",
  "PORT",
  "HOST",
  "DATA_DIR",
  "SEED_DEMO",
  "PROJECTION_DELAY_MS",
  "PROJECTOR_IN_PROCESS",
  "PROJECTOR_POLL_MS",
  "NODE_ENV",
];

/** The environment for a child process: ours, minus the app's settings, plus `extra`. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const key of Object.keys(env)) {
    if (NOT_INHERITED.includes(key) || key.startsWith("VITEST")) delete env[key];
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

/** Keeps the last lines a child printed, for error messages; optionally echoes them. */
function captureOutput(watched: Watched, prefix: string, echo: boolean) {
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  let partial = "";
  const onData = (chunk: Buffer) => {
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      if (lines.length > 400) lines.shift();
      if (echo) console.log(`${prefix} ${line}`);
      for (const listener of listeners) listener(line);
    }
  };
  watched.child.stdout?.on("data", onData);
  watched.child.stderr?.on("data", onData);
  return {
    text: () => [...lines, partial].join("\n"),
    onLine: (listener: (line: string) => void) => listeners.push(listener),
  };
}

export interface AppOptions {
  /** Extra environment: MONGODB_URI, PROJECTOR_IN_PROCESS, PROJECTION_DELAY_MS… */
  env?: Record<string, string | undefined>;
  readyTimeoutMs?: number;
  /** Print the app's output as it comes (it is kept for error messages either way). */
  echo?: boolean;
}

export interface AppProcess {
  baseURL: string;
  dataDir: string;
  /** The database the app uses: the MONGODB_URI passed in, or its embedded database's. */
  mongoUri: string;
  /** A write API token for this app's database, made with `npm run tokens` at start-up. */
  apiToken: string;
  /** What the app printed (the last few hundred lines). */
  output(): string;
  /** Resolves with the start script's exit code, whatever the reason. */
  exited: Promise<number | null>;
  /** Stops the app (and its embedded database) and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * Starts the app exactly as the start command does (scripts/serve.ts: the embedded database
 * unless MONGODB_URI is given, then the production build) on 127.0.0.1, a free port and a fresh
 * data directory, without demo tickets. Resolves once GET /api/dashboard answers.
 */
export async function startApp(options: AppOptions = {}): Promise<AppProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "support-desk-app-"));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const app = spawnWatched(
    process.execPath,
    [TSX, "--conditions=react-server", "scripts/serve.ts"],
    {
      cwd: PROJECT_ROOT,
      env: childEnv({
        ...options.env,
        HOST: "127.0.0.1",
        PORT: String(port),
        DATA_DIR: dataDir,
        SEED_DEMO: "false",
      }),
    },
  );
  const output = captureOutput(app, `[app :${port}]`, options.echo ?? false);
  const stop = async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  const timeoutMs = options.readyTimeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void app.exited.then(() => (exited = true));
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`The app exited during start-up:\n${output.text()}`);
    }
    try {
      const res = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The app did not start within ${timeoutMs / 1000} s:\n${output.text()}`);
    }
    await sleep(250);
  }

  let mongoUri = options.env?.MONGODB_URI;
  if (!mongoUri) {
    const info = JSON.parse(readFileSync(runtimeFile(dataDir), "utf8")) as { uri: string };
    mongoUri = info.uri;
  }
  let apiToken: string;
  try {
    apiToken = await createTokenWithCli(mongoUri, "tests", "write");
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, dataDir, mongoUri, apiToken, output: output.text, exited: app.exited, stop };
}

/**
 * Runs an operator script (`npm run users`, `npm run tokens`) against a database, the way an
 * operator does, and returns what it printed.
 */
export async function runOperatorScript(
  script: "users" | "tokens",
  args: string[],
  mongoUri: string,
): Promise<string> {
  const child = spawnWatched(
    process.execPath,
    [TSX, "--conditions=react-server", `scripts/${script}.ts`, ...args],
    { cwd: PROJECT_ROOT, env: childEnv({ MONGODB_URI: mongoUri }) },
  );
  const output = captureOutput(child, `[${script}]`, false);
  const code = await child.exited;
  if (code !== 0) {
    throw new Error(
      `npm run ${script} -- ${args.join(" ")} exited with ${code}:\n${output.text()}`,
    );
  }
  return output.text();
}

/** Creates an API token with `npm run tokens` and returns it. */
export async function createTokenWithCli(
  mongoUri: string,
  name: string,
  scope: "read" | "write",
): Promise<string> {
  const printed = await runOperatorScript(
    "tokens",
    ["create", "--name", name, "--scope", scope],
    mongoUri,
  );
  const token = /^sdt_\S+$/m.exec(printed)?.[0];
  if (!token) throw new Error(`npm run tokens printed no token:\n${printed}`);
  return token;
}

export interface ProjectorProcess {
  /** The owner id it projects as (host:pid:random), once it has started; see `ready`. */
  owner(): string | undefined;
  /** Resolves once the projector has started its loop (it printed its start line); rejects if
   * it exits first or takes longer than `readyTimeoutMs` (60 s). */
  ready: Promise<void>;
  output(): string;
  /** SIGTERM (a clean stop), then SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** SIGKILL to the whole process group: no clean-up of any kind. Waits for the exit. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `scripts/projector.ts` (what `npm run projector` runs) against one database. */
export function startProjector(
  mongoUri: string,
  env: Record<string, string | undefined> = {},
  options: { echo?: boolean; readyTimeoutMs?: number } = {},
): ProjectorProcess {
  const projector = spawnWatched(
    process.execPath,
    [TSX, "--conditions=react-server", "scripts/projector.ts"],
    { cwd: PROJECT_ROOT, env: childEnv({ ...env, MONGODB_URI: mongoUri }) },
  );
  const pgid = projector.child.pid;
  const output = captureOutput(projector, `[projector ${pgid}]`, options.echo ?? false);
  let owner: string | undefined;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no projector start within ${readyTimeoutMs} ms:\n${output.text()}`)),
      readyTimeoutMs,
    );
    output.onLine((line) => {
      const started = /\[projector\] (\S+) projecting from/.exec(line);
      if (started && !owner) {
        owner = started[1];
        clearTimeout(timer);
        resolve();
      }
    });
    void projector.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the projector exited (code ${code}) before starting:\n${output.text()}`));
    });
  });
  ready.catch(() => undefined); // a caller that never waits for it must not see a rejection

  const kill = async () => {
    if (pgid !== undefined) {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await projector.exited;
  };
  return {
    owner: () => owner,
    ready,
    output: output.text,
    stop: () => projector.stop(),
    kill,
    exited: projector.exited,
  };
}
