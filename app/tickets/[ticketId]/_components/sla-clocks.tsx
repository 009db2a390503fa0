"use client";

import { useRouter } from "next/navigation";
import { usePollInterval } from "@/components/live-events";
import {
  progressOf,
  useSlaPolicyStatus,
  type SlaPolicyStatus,
} from "@/components/sla-policy-status";
import { dueText, spanText, utcText } from "@/components/sla-time";
import { useNow } from "@/components/use-now";
import type { SlaClockView, SlaView } from "@/server/read-models/api-fields";

const TARGETS = [
  ["firstResponse", "First response"],
  ["nextResponse", "Next response"],
  ["resolution", "Resolution"],
] as const;

const tones = {
  running: "text-slate-800 dark:text-slate-200",
  at_risk: "font-medium text-amber-800 dark:text-amber-300",
  breached: "font-medium text-red-700 dark:text-red-400",
  met: "text-emerald-800 dark:text-emerald-300",
  paused: "text-slate-600 dark:text-slate-400",
};

/** What one clock says now: its state (time can move it on before the server does) and words. */
function reading(clock: SlaClockView, now: number | null) {
  const due = clock.dueAt ? Date.parse(clock.dueAt) : null;
  switch (clock.state) {
    case "running": {
      if (due === null) return { tone: "running", text: "Running; no due time in reach" } as const;
      const left = now === null ? "" : ` · ${dueText(due, now)}`;
      if (now !== null && due <= now) {
        return {
          tone: "breached",
          text: `Overdue: was due ${utcText(clock.dueAt!)}${left}`,
        } as const;
      }
      const risk =
        clock.atRisk || (now !== null && clock.warnAt && Date.parse(clock.warnAt) <= now);
      return {
        tone: risk ? "at_risk" : "running",
        text: `${risk ? "At risk: due" : "Due"} ${utcText(clock.dueAt!)}${left}`,
      } as const;
    }
    case "paused": {
      const rest = clock.remainingMs;
      const left =
        rest === null
          ? ""
          : rest >= 0
            ? ` · ${spanText(rest)} of working time left`
            : ` · ${spanText(rest)} over`;
      return { tone: "paused", text: `Paused: waiting for the customer${left}` } as const;
    }
    case "met":
      return {
        tone: "met",
        text: `Met ${clock.metAt ? utcText(clock.metAt) : ""}`.trim(),
      } as const;
    case "breached": {
      const late = clock.metAt ? ` · answered late, ${utcText(clock.metAt)}` : "";
      const at = clock.breachedAt ? ` ${utcText(clock.breachedAt)}` : "";
      return { tone: "breached", text: `Breached${at}${late}` } as const;
    }
  }
}

/**
 * The ticket's SLA clocks in the side panel: each target's due time counting down (amber once
 * 80% is used, red once it passes, by the browser's clock before the desk's breach arrives),
 * paused while the ticket waits for the customer, met or breached and when. Says which policy
 * version they were computed with, and when a newer one is being applied, reads the page again
 * once it is.
 */
export function SlaClocks({ sla, policy }: { sla: SlaView | null; policy: SlaPolicyStatus }) {
  const router = useRouter();
  const now = useNow();
  const { status, applying } = useSlaPolicyStatus(policy, {
    idleMs: usePollInterval(),
    onChange: () => router.refresh(),
  });
  const clocks = TARGETS.flatMap(([target, name]) => {
    const clock = sla?.targets[target];
    return clock ? [{ target, name, clock }] : [];
  });
  const progress = progressOf(status);
  return (
    <div className="grid gap-3 text-sm" data-testid="sla-clocks">
      {clocks.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">
          {status.version === 0
            ? "No SLA policy has been saved."
            : "The SLA policy sets no targets for this ticket's priority."}
        </p>
      ) : (
        <dl className="grid gap-3">
          {clocks.map(({ target, name, clock }) => {
            const { tone, text } = reading(clock, now);
            return (
              <div key={target} data-sla-target={target} data-sla-state={tone}>
                <dt className="text-slate-700 dark:text-slate-300">
                  {name} <span className="text-xs">({clock.minutes} min)</span>
                </dt>
                <dd className={`mt-0.5 tabular-nums ${tones[tone]}`}>{text}</dd>
              </div>
            );
          })}
        </dl>
      )}
      {sla ? (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="sla-version">
          Computed with policy version {sla.policyVersion}.
          {applying && status.version > sla.policyVersion
            ? ` Version ${status.version} is being applied${
                progress ? ` (${progress.done}/${progress.total})` : ""
              }; these clocks follow it once it is done.`
            : ""}
        </p>
      ) : null}
    </div>
  );
}
