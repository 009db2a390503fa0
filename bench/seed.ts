// Grows the bench database to a ticket count: `npm run seed` (its stable interface, as a child
// process against the same database) adds the difference; then waits for an empty backlog.
import { setTimeout as sleep } from "node:timers/promises";
import { spawn } from "node:child_process";
import type { Db } from "mongodb";
import { childEnv } from "../server/testing/app-process";
import { PROJECT_ROOT } from "../server/db/embedded";
import { COLLECTIONS } from "../server/db/collections";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: PROJECT_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const echo = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split(/[\r\n]+/)) {
        if (line.trim()) console.log(`  [seed] ${line.trim()}`);
      }
    };
    child.stdout.on("data", echo);
    child.stderr.on("data", echo);
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`)),
    );
  });
}

/** Seeds `count` more tickets with `npm run seed`, as an operator would. */
export async function seedWithScript(mongoUri: string, count: number, seed: number) {
  await run(
    "npm",
    ["run", "--silent", "seed", "--", "--tickets", String(count), "--seed", String(seed)],
    childEnv({ MONGODB_URI: mongoUri }),
  );
}

/** Until the projection backlog is empty (or `timeoutMs` passes); returns how long it took. */
export async function waitForEmptyBacklog(db: Db, timeoutMs = 600_000): Promise<number> {
  const started = Date.now();
  const queue = db.collection(COLLECTIONS.projectionQueue);
  while (Date.now() - started < timeoutMs) {
    if ((await queue.countDocuments({ dead: false })) === 0) return Date.now() - started;
    await sleep(500);
  }
  throw new Error(`the projection backlog did not drain within ${timeoutMs / 1000} s`);
}
