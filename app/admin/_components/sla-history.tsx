import { utcText } from "@/components/sla-time";
import { DAYS, PRIORITY_ORDER, TARGETS } from "@/app/admin/sla-form-fields";
import type { SlaPolicyInput } from "@/server/sla/policy-schema";

interface Version extends Pick<SlaPolicyInput, "calendar" | "targets"> {
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** "Europe/Lisbon, 5 days a week, 2 holidays", or "24/7". */
function calendarText(calendar: SlaPolicyInput["calendar"]): string {
  if (calendar.alwaysOpen) return "24/7";
  const days = DAYS.filter((day) => (calendar.hours[day] ?? []).length > 0).length;
  const holidays = calendar.holidays.length;
  return [
    calendar.timeZone,
    `${days} ${days === 1 ? "day" : "days"} a week`,
    holidays > 0 ? `${holidays} ${holidays === 1 ? "holiday" : "holidays"}` : null,
  ]
    .filter(Boolean)
    .join(", ");
}

/** "urgent 30/60/480 · high 120/–/1440", the priorities that set any target. */
function targetsText(targets: SlaPolicyInput["targets"]): string {
  const set = PRIORITY_ORDER.filter((p) =>
    TARGETS.some((t) => targets[p][`${t}Minutes`] !== null),
  ).map((p) => `${p} ${TARGETS.map((t) => targets[p][`${t}Minutes`] ?? "–").join("/")}`);
  return set.length > 0 ? set.join(" · ") : "none";
}

/** Every saved version, newest first: who saved it, when, and what it said in short. */
export function SlaHistory({ versions }: { versions: Version[] }) {
  if (versions.length === 0) {
    return <p className="text-sm text-slate-700 dark:text-slate-300">No version saved yet.</p>;
  }
  return (
    <ol
      data-testid="sla-history"
      aria-label="Saved versions, newest first"
      className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
    >
      {versions.map((v) => (
        <li
          key={v.version}
          data-version={v.version}
          className="grid gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[7rem_minmax(0,1fr)]"
        >
          <p className="font-medium">Version {v.version}</p>
          <div className="grid min-w-0 gap-1">
            <p className="text-slate-700 dark:text-slate-300">
              Saved{" "}
              {v.updatedAt ? <time dateTime={v.updatedAt}>{utcText(v.updatedAt)}</time> : null} by{" "}
              <span className="break-words">{v.updatedBy ?? "someone"}</span>
            </p>
            <dl className="grid gap-x-3 sm:grid-cols-[auto_minmax(0,1fr)]">
              <dt className="text-slate-600 dark:text-slate-400">Working time</dt>
              <dd className="break-words">{calendarText(v.calendar)}</dd>
              <dt className="text-slate-600 dark:text-slate-400">
                Targets <span className="text-xs">(first / next / resolution, min)</span>
              </dt>
              <dd className="break-words">{targetsText(v.targets)}</dd>
            </dl>
          </div>
        </li>
      ))}
    </ol>
  );
}
