"use client";

import { useState } from "react";
import { dueText, utcText } from "@/components/sla-time";
import { useNow } from "@/components/use-now";
import type { SlaState } from "@/server/read-models/api-fields";

const looks = {
  running: "border-slate-400 text-slate-800 dark:border-slate-500 dark:text-slate-200",
  at_risk:
    "border-amber-500 bg-amber-50 text-amber-900 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100",
  breached:
    "border-red-600 bg-red-50 text-red-800 dark:border-red-500 dark:bg-red-950 dark:text-red-100",
  met: "border-emerald-600 text-emerald-800 dark:border-emerald-500 dark:text-emerald-200",
  paused:
    "border-slate-300 bg-slate-100 text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-300",
} satisfies Record<SlaState, string>;

/**
 * A row's SLA: the time left to its soonest target, counting down each second, amber once it
 * is at risk and red once it is overdue. Time decides the colour as much as the server does: a
 * due time that passes turns the badge red at that second, before the breach the desk records
 * reaches the list. A breached row has no due time any more, so the badge keeps the last one it
 * showed, to say how long ago it passed.
 */
export function SlaDueBadge({ state, dueAt }: { state: SlaState | null; dueAt: string | null }) {
  const now = useNow();
  const [lastDue, setLastDue] = useState(dueAt);
  if (dueAt !== null && dueAt !== lastDue) setLastDue(dueAt);
  if (state === null) return null;

  const dueMs = lastDue === null ? null : Date.parse(lastDue);
  const counting = state === "running" || state === "at_risk";
  const overdue = dueMs !== null && now !== null && dueMs <= now;
  const shown: SlaState = counting && overdue ? "breached" : state;
  let text: string;
  if (shown === "met") text = "SLA met";
  else if (shown === "paused") text = "SLA paused";
  else if (now === null || dueMs === null) text = shown === "breached" ? "SLA breached" : "SLA due";
  else if (shown === "breached") text = overdue ? dueText(dueMs, now) : "SLA breached";
  else text = dueText(dueMs, now);
  const label =
    shown === "at_risk"
      ? `At risk: ${text}`
      : shown === "breached" && overdue
        ? `Breached: ${text}`
        : text.charAt(0).toUpperCase() + text.slice(1);

  return (
    <span
      data-testid="sla-badge"
      data-sla-state={shown}
      data-due-at={lastDue ?? undefined}
      title={lastDue ? `Soonest SLA target due ${utcText(lastDue)}` : undefined}
      className={`rounded border px-2 py-0.5 text-xs font-medium tabular-nums ${looks[shown]}`}
    >
      {label}
    </span>
  );
}
