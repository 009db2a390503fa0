// `npm run projections:rebuild` against the bench database, as an operator runs it: its own
// rate (what it prints), the wall time of the whole process, and the peak memory of its tree.
import path from "node:path";
import { PROJECT_ROOT } from "../server/db/embedded";
import { childEnv } from "../server/testing/app-process";
import { spawnWatched } from "../server/process/watched";
import { sampleTreeMemory, toMB } from "./proc";

export interface RebuildResult {
  tickets: number;
  /** The rate the script reports (its scan, from first batch to switch-over). */
  ticketsPerSecond: number;
  wallSeconds: number;
  /** The high-water mark of its biggest process (the node running the script). */
  peakRssMB: number;
  /** The highest summed resident memory of its process tree (tsx launcher included). */
  peakTreeRssMB: number;
  rssTimeline: { t: number; rssMB: number }[];
}

const TSX = path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");

export async function runRebuild(mongoUri: string): Promise<RebuildResult> {
  const started = Date.now();
  const child = spawnWatched(
    process.execPath,
    [TSX, "--conditions=react-server", "scripts/projections-rebuild.ts"],
    { cwd: PROJECT_ROOT, env: childEnv({ MONGODB_URI: mongoUri }) },
  );
  const memory = sampleTreeMemory(child.child.pid!);
  let output = "";
  const onData = (chunk: Buffer) => (output += chunk.toString("utf8"));
  child.child.stdout?.on("data", onData);
  child.child.stderr?.on("data", onData);
  const code = await child.exited;
  const { peakTreeRss, peakProcessHwm, timeline } = memory.stop();
  const wallSeconds = (Date.now() - started) / 1000;
  if (code !== 0) throw new Error(`projections:rebuild exited ${code}:\n${output.slice(-2000)}`);
  // "Done: generation 2 is active (was 1); 1000 tickets in 1.2 s (833/s), 0 re-projected…"
  const done = /(\d+) tickets in ([\d.]+) s \((\d+)\/s\)/.exec(output);
  const tickets = done ? Number(done[1]) : 0;
  return {
    tickets,
    ticketsPerSecond: done ? Number(done[3]) : Math.round(tickets / wallSeconds),
    wallSeconds: Math.round(wallSeconds * 10) / 10,
    peakRssMB: toMB(peakProcessHwm) ?? 0,
    peakTreeRssMB: toMB(peakTreeRss) ?? 0,
    rssTimeline: timeline.filter((_, i) => i % 5 === 0),
  };
}
