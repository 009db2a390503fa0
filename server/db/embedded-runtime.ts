// How other processes find the embedded database a running app started: it writes its address
// to .data/embedded.json. Kept apart from embedded.ts so the web bundle carries none of the
// process management. No "server-only": scripts use it too.
import { readFileSync } from "node:fs";
import path from "node:path";

export const runtimeFile = (dataDir: string) =>
  path.join(/*turbopackIgnore: true*/ dataDir, "embedded.json");

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The URI of the embedded database of a running app (in DATA_DIR, default .data), if any. */
export function runningEmbeddedUri(
  dataDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.DATA_DIR ?? ".data"),
): string | undefined {
  try {
    const info = JSON.parse(readFileSync(runtimeFile(dataDir), "utf8")) as {
      pgid: number;
      uri: string;
    };
    return isAlive(info.pgid) ? info.uri : undefined;
  } catch {
    return undefined;
  }
}
