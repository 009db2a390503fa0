"use client";

import { usePollInterval } from "@/components/live-events";
import {
  progressOf,
  useSlaPolicyStatus,
  type SlaPolicyStatus,
} from "@/components/sla-policy-status";

const tones = {
  recomputing:
    "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
  done: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  none: "border-slate-300 bg-slate-50 text-slate-800 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200",
};

/**
 * Which policy version the clocks use, and the recompute that brings them to it after a save:
 * "Saved as version N · Recomputing clocks… (done/total)", then "Up to date: clocks use version
 * N". Read from GET /api/sla every second while it runs.
 */
export function SlaRecomputeStatus({
  initial,
  savedVersion,
}: {
  initial: SlaPolicyStatus;
  /** The version this page's last save made: watched from the moment it was saved. */
  savedVersion: number | null;
}) {
  const start =
    savedVersion !== null && savedVersion > initial.version
      ? { ...initial, version: savedVersion }
      : initial;
  const { status, applying, gaveUp, error } = useSlaPolicyStatus(start, {
    idleMs: usePollInterval(),
    key: savedVersion ?? "page",
  });
  const progress = progressOf(status);
  const saved = savedVersion !== null ? `Saved as version ${savedVersion} · ` : "";
  let text: string;
  let tone: keyof typeof tones;
  if (applying) {
    const count = progress ? `${progress.done}/${progress.total}` : "starting";
    text = `${saved}Recomputing clocks… (${count})`;
    if (gaveUp) text += " Still running after ten minutes; this page now checks less often.";
    tone = "recomputing";
  } else if (status.version === 0) {
    text = "No policy saved yet: tickets have no SLA clocks.";
    tone = "none";
  } else {
    text = `${saved}Up to date: clocks use version ${status.version}`;
    if (savedVersion !== null && status.version > savedVersion) {
      text += " (saved since by someone else)";
    }
    tone = "done";
  }
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="sla-recompute"
      data-state={applying ? "recomputing" : "up-to-date"}
      data-version={status.version}
      className={`rounded border px-3 py-2 text-sm ${tones[tone]}`}
    >
      <p>{text}</p>
      {applying && progress && progress.total > 0 ? (
        <progress
          aria-label="Clocks recomputed"
          value={progress.done}
          max={progress.total}
          className="mt-2 h-2 w-full accent-sky-700"
        />
      ) : null}
      {error ? (
        <p className="mt-1 text-amber-900 dark:text-amber-200">
          The progress could not be read ({error.message}); retrying.
        </p>
      ) : null}
    </div>
  );
}
