import { PRIORITIES, STATUSES, type Priority, type Status } from "@/server/tickets/domain/types";
import { binMidpointMs, day, decodeKey } from "@/server/read-models/dashboard/contribution";
import type {
  DurationStats,
  StoredDashboard,
} from "@/server/read-models/dashboard/dashboard-schema";
import type { Counts } from "@/server/read-models/dashboard/json-text";

const DASHBOARD_DAYS = 30;

export function toDashboard(counts: Counts, projectedAt: Date | null, now: Date): StoredDashboard {
  const get = (key: string) => counts[key] ?? 0;
  const days = Array.from({ length: DASHBOARD_DAYS }, (_, i) =>
    day(new Date(now.getTime() - (DASHBOARD_DAYS - 1 - i) * 86_400_000)),
  );
  const inWindow = new Set(days);

  const byAssigneeId: Record<string, number> = {};
  const byTag: Record<string, number> = {};
  const triage: Counts = {};
  const close: Counts = {};
  const response: Counts = {};
  const responseBy: Record<string, Counts> = {};
  for (const [key, value] of Object.entries(counts)) {
    if (value <= 0) continue;
    if (key.startsWith("a:")) byAssigneeId[decodeKey(key.slice(2))] = value;
    if (key.startsWith("g:")) byTag[decodeKey(key.slice(2))] = value;
    if (key.startsWith("fa:")) {
      const [, personId = "", keyDay = "", bin = ""] = key.split(":");
      if (!inWindow.has(keyDay)) continue;
      const into = (responseBy[decodeKey(personId)] ??= {});
      into[bin] = (into[bin] ?? 0) + value;
      continue;
    }
    const [kind, keyDay, bin] = key.split(":");
    if (
      (kind === "tt" || kind === "tc" || kind === "fr") &&
      keyDay &&
      bin &&
      inWindow.has(keyDay)
    ) {
      const into = kind === "tt" ? triage : kind === "tc" ? close : response;
      into[bin] = (into[bin] ?? 0) + value;
    }
  }

  return {
    total: get("total"),
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, get(`s:${s}`)])) as Record<Status, number>,
    byPriority: Object.fromEntries(PRIORITIES.map((p) => [p, get(`p:${p}`)])) as Record<
      Priority,
      number
    >,
    unassigned: get("u"),
    withNotes: get("n"),
    byAssigneeId,
    awaitingReply: get("w"),
    byTag,
    perDay: days.map((d) => ({ day: d, created: get(`c:${d}`), closed: get(`x:${d}`) })),
    timeToTriage: percentiles(triage),
    timeToClose: percentiles(close),
    firstResponse: percentiles(response),
    firstResponseByPersonId: Object.fromEntries(
      Object.entries(responseBy).map(([personId, bins]) => [personId, percentiles(bins)]),
    ),
    asOf: projectedAt ? projectedAt.toISOString() : null,
  };
}

function percentiles(bins: Counts): DurationStats {
  const sorted = Object.entries(bins)
    .map(([bin, count]) => [Number(bin), count] as const)
    .sort((a, b) => a[0] - b[0]);
  const count = sorted.reduce((sum, [, n]) => sum + n, 0);
  const at = (q: number) => {
    if (count === 0) return null;
    const rank = Math.ceil(q * count);
    let seen = 0;
    for (const [bin, n] of sorted) {
      seen += n;
      if (seen >= rank) return binMidpointMs(bin);
    }
    return null;
  };
  return { count, p50Ms: at(0.5), p90Ms: at(0.9) };
}
