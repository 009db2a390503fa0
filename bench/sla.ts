// The SLA figures of the bench: how fast a policy change recomputes every open ticket's clocks
// (in the app's own projector, as `npm start` runs it), and how much memory that takes.
import { setTimeout as sleep } from "node:timers/promises";
import { sampleMemory, toMB } from "./proc";

export interface SlaRecomputeResult {
  /** Clock documents the recompute went through (every ticket's). */
  tickets: number;
  seconds: number;
  ticketsPerSecond: number;
  /** The app process's peak resident memory while it recomputed. */
  appPeakMB: number | null;
}

interface Api {
  baseURL: string;
  token: string;
}

/**
 * Targets of a year (the longest a policy allows), 24/7: every seeded ticket gets a running
 * clock and a due time to sort by, and none is overdue, so no warning or breach is recorded
 * during the run (they would be commands of their own). Two alternating values: each PUT is a
 * change that recomputes every open ticket.
 */
function benchPolicy(variant: number) {
  const minutes = 525_600 - variant;
  const targets = { firstResponseMinutes: minutes, resolutionMinutes: minutes };
  return {
    calendar: { alwaysOpen: true },
    targets: { low: targets, normal: targets, high: targets, urgent: targets },
  };
}

async function sla(api: Api, init?: RequestInit) {
  const res = await fetch(`${api.baseURL}/api/sla`, {
    ...init,
    headers: { authorization: `Bearer ${api.token}`, "content-type": "application/json" },
  });
  if (!res.ok) throw new Error(`/api/sla answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as {
    version: number;
    recompute: {
      policyVersion: number;
      done: number;
      total: number;
      finishedAt: string | null;
    } | null;
  };
}

/** Saves a new policy and waits (at most `timeoutMs`) for its recompute to finish. */
export async function measureSlaRecompute(
  api: Api,
  appPid: number | null,
  timeoutMs = 60 * 60_000,
): Promise<SlaRecomputeResult> {
  const before = await sla(api);
  const memory = appPid ? sampleMemory(appPid) : null;
  const started = Date.now();
  const saved = await sla(api, {
    method: "PUT",
    body: JSON.stringify(benchPolicy(before.version % 2)),
  });
  for (;;) {
    const now = await sla(api);
    const job = now.recompute;
    if (job && job.policyVersion === saved.version && job.finishedAt) {
      const seconds = (Date.parse(job.finishedAt) - started) / 1000;
      return {
        tickets: job.total,
        seconds: Math.round(seconds * 10) / 10,
        ticketsPerSecond: Math.round(job.total / Math.max(seconds, 0.001)),
        appPeakMB: toMB(memory?.stop().peak ?? null),
      };
    }
    if (Date.now() - started > timeoutMs) {
      memory?.stop();
      throw new Error(
        `the SLA recompute did not finish in ${timeoutMs} ms: ${JSON.stringify(job)}`,
      );
    }
    await sleep(250);
  }
}
