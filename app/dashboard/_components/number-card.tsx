import Link from "next/link";
import { ticketsHref, type LinkedNumber } from "@/server/read-models/dashboard/links";

/** A number shown large with its label, the whole card linking to the tickets it counts. */
export function NumberCard({
  metric,
  number,
  label,
  hint,
}: {
  metric: string;
  number: LinkedNumber;
  label: string;
  hint?: string;
}) {
  return (
    <Link
      href={ticketsHref(number.params)}
      data-metric={metric}
      className="group block rounded-lg border border-slate-200 bg-white p-3 hover:border-blue-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-blue-500"
    >
      <span
        data-value
        className="block text-3xl font-semibold tabular-nums text-slate-900 group-hover:text-blue-800 dark:text-slate-50 dark:group-hover:text-blue-300"
      >
        {number.value}
      </span>
      <span className="block text-sm text-slate-700 dark:text-slate-300">{label}</span>
      {hint ? (
        <span className="block text-xs text-slate-600 dark:text-slate-400">{hint}</span>
      ) : null}
    </Link>
  );
}
