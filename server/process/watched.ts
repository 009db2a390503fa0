// Child processes that cannot outlive the process that started them. No "server-only": the
// start script and the test set-ups use this outside Next.js.
import { spawn, type ChildProcess } from "node:child_process";

// The shell in the middle is a watchdog. It holds the read end of a pipe from this process;
// when this process ends in any way (even SIGKILL) the pipe closes, `read` returns, and the
// whole process group (the command and anything it forked) is told to stop. Closing the pipe on
// purpose is how stop() asks it to go. The shell ignores TERM itself (set after the command
// starts, so the command does not inherit it) and exits when the command has.
const WATCHDOG = `exec 3<&0 0</dev/null
"$0" "$@" &
child=$!
trap '' TERM
{ read -r _ <&3; kill -TERM 0; } &
wait "$child"`;

const idle = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

export interface Watched {
  child: ChildProcess;
  /** Resolves with the exit code when the command has exited, whatever the reason. */
  exited: Promise<number | null>;
  /** TERM to the whole group, then KILL after `graceMs`. Waits for the exit. Safe to repeat. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnWatched(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; output?: "inherit" | "pipe" } = {},
): Watched {
  const output = options.output ?? "pipe";
  const child = spawn("sh", ["-c", WATCHDOG, command, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true, // its own process group: Ctrl-C reaches us, and we decide how it stops
    stdio: ["pipe", output, output],
  });
  const pgid = child.pid;
  const exited = new Promise<number | null>((resolve) => {
    if (pgid === undefined) resolve(null);
    child.once("exit", (code) => resolve(code));
  });
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 10_000) =>
    (stopping ??= (async () => {
      child.stdin?.end();
      const outcome = await Promise.race([exited.then(() => "exited" as const), idle(graceMs)]);
      if (outcome !== "exited" && pgid !== undefined) {
        try {
          process.kill(-pgid, "SIGKILL");
        } catch {
          // already gone
        }
        await exited;
      }
    })());
  return { child, exited, stop };
}
