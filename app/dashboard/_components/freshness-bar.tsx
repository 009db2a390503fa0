import Link from "next/link";
import type { Freshness, Snapshot } from "@/app/dashboard/_components/snapshot";
import { humanLag, plural, utcTime } from "@/app/dashboard/_components/format";

const CHIP: Record<Freshness["state"], string> = {
  current:
    "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  updating:
    "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
  stalled:
    "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  offline:
    "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
};

function chipText(freshness: Freshness): string {
  switch (freshness.state) {
    case "current":
      return "Up to date";
    case "updating":
      return `Updating — ${plural(freshness.pending, "change")} still syncing`;
    case "stalled":
      return `Not current — no projector is running, ${plural(freshness.pending, "change")} waiting`;
    case "offline":
      return "Not current — the server cannot be reached";
  }
}

/** Only the state, so screen readers hear a change of state and not every poll. */
function announcement(freshness: Freshness): string {
  switch (freshness.state) {
    case "current":
      return "Dashboard up to date.";
    case "updating":
      return "Dashboard updating: changes are still syncing.";
    case "stalled":
      return "Dashboard not current: no projector is running.";
    case "offline":
      return "Dashboard not current: the server cannot be reached.";
  }
}

/** How fresh the numbers are, and how the projector that feeds them is doing. */
export function FreshnessBar({
  snapshot,
  freshness,
}: {
  snapshot: Snapshot;
  freshness: Freshness;
}) {
  const { projection, dashboard } = snapshot;
  const behindMs = projection.pending > 0 ? projection.oldestPendingAgeMs : projection.lagMs.last;
  const dead = projection.deadLetters;
  return (
    <section
      aria-label="Freshness"
      // Sticky, so whoever scrolls to a number still sees whether it is current.
      className="sticky top-2 z-10 grid gap-2 rounded-lg shadow-sm border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span
          data-testid="freshness"
          data-state={freshness.state}
          className={`rounded-full border px-3 py-1 font-medium ${CHIP[freshness.state]}`}
        >
          {chipText(freshness)}
        </span>
        <span className="text-slate-700 dark:text-slate-300" data-testid="as-of">
          {dashboard.asOf ? (
            <>
              As of <time dateTime={dashboard.asOf}>{utcTime(dashboard.asOf)} UTC</time>
              {behindMs !== null ? `, ${humanLag(behindMs)} behind` : ""}
            </>
          ) : (
            "Nothing has been projected yet"
          )}
        </span>
        <p role="status" aria-live="polite" className="sr-only">
          {announcement(freshness)}
        </p>
      </div>
      <p className="text-slate-700 dark:text-slate-300" data-testid="projector-health">
        Projector: {plural(projection.projectors.length, "process", "processes")} running ·{" "}
        {plural(projection.pending, "ticket")} pending ·{" "}
        {dead.length === 0 ? "no dead letters" : plural(dead.length, "dead letter")}
        {freshness.state === "offline" ? ` · last refresh failed: ${freshness.message}` : ""}
      </p>
      {dead.length > 0 ? (
        <div className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <p>
            These tickets failed to project and are parked; the numbers leave out their latest
            change until they are retried (
            <code>POST /api/projections/dead-letters/&#123;id&#125;/retry</code>):
          </p>
          <ul className="mt-1 flex flex-wrap gap-x-3">
            {dead.slice(0, 10).map((d) => (
              <li key={d.ticketId}>
                <Link href={`/tickets/${d.ticketId}`} className="underline underline-offset-2">
                  {d.ticketId}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
