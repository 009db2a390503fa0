"use client";

import { useQueries } from "@tanstack/react-query";
import { readAtLeast, type ReadAtLeast } from "@/components/read-at-least";
import type { BulkResult } from "@/app/tickets/_components/bulk-types";

export interface BulkRun {
  label: string;
  results: (BulkResult & { subject: string })[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A bulk change's consistency, as one summary ("9 saved · 4 syncing · 5 up to date") and one line
 * per ticket: applied (syncing, then up to date with the measured lag), unchanged, or rejected
 * with the reason. Each applied ticket's read side is asked for at least the version written.
 */
export function BulkOutcome({ run, onDismiss }: { run: BulkRun; onDismiss: () => void }) {
  const applied = run.results.filter((r) => r.outcome === "applied" && r.version !== undefined);
  const reads = useQueries({
    queries: applied.map((r) => ({
      // The same key as WriteStatus: one poll per written version, whoever shows it.
      queryKey: ["ticket-version", r.ticketId, r.version],
      queryFn: () => readAtLeast(r.ticketId, r.version!),
      refetchInterval: (q: { state: { data?: ReadAtLeast } }) =>
        q.state.data?.state === "current" ? false : 300,
      staleTime: Infinity,
    })),
  });
  const readOf = new Map(applied.map((r, i) => [r.ticketId, reads[i]] as const));
  const upToDate = reads.filter((q) => q.data?.state === "current").length;
  const syncing = applied.length - upToDate;
  const rejected = run.results.filter((r) => r.outcome === "rejected").length;
  const unchanged = run.results.filter((r) => r.outcome === "unchanged").length;

  const parts = [
    `${applied.length} saved`,
    `${syncing} syncing`,
    `${upToDate} up to date`,
    ...(unchanged ? [`${unchanged} unchanged`] : []),
    ...(rejected ? [`${rejected} rejected`] : []),
  ];
  const tone =
    syncing > 0
      ? "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
      : "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100";

  return (
    <section
      aria-labelledby="bulk-outcome-heading"
      className="rounded-lg border border-slate-300 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="bulk-outcome-heading" className="text-sm font-semibold">
          Bulk change: {run.label} ({plural(run.results.length, "ticket", "tickets")})
        </h2>
        <button
          type="button"
          onClick={onDismiss}
          className="rounded px-2 py-1 text-sm text-slate-700 underline hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          Dismiss
        </button>
      </div>
      <p
        role="status"
        aria-live="polite"
        data-testid="bulk-summary"
        data-sync-state={syncing > 0 ? "syncing" : "up-to-date"}
        className={`mt-2 rounded border px-3 py-2 text-sm ${tone}`}
      >
        {parts.join(" · ")}
      </p>
      <ul aria-label="Result per ticket" className="mt-2 grid gap-1 text-sm">
        {run.results.map((r) => {
          const read = readOf.get(r.ticketId)?.data;
          let text: string;
          let state: string;
          if (r.outcome === "rejected") {
            state = "rejected";
            text = `Rejected: ${r.reason ?? "refused"}`;
          } else if (r.outcome === "unchanged") {
            state = "unchanged";
            text = `Unchanged: it already had this value (version ${r.version})`;
          } else if (read?.state === "current") {
            state = "up-to-date";
            text = `Saved as version ${r.version} · Up to date (projected ${read.lagMs} ms after saving)`;
          } else {
            state = "syncing";
            text = `Saved as version ${r.version} · Syncing…`;
          }
          return (
            <li
              key={r.ticketId}
              data-result-for={r.ticketId}
              data-outcome={r.outcome}
              data-sync-state={state}
              className="break-words"
            >
              <span className="font-medium">{r.subject}</span>
              {" — "}
              <span
                className={
                  r.outcome === "rejected"
                    ? "text-red-800 dark:text-red-300"
                    : "text-slate-700 dark:text-slate-300"
                }
              >
                {text}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
