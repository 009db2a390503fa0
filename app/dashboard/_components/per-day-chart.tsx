import { NumberLink } from "@/app/dashboard/_components/number-link";
import type { LinkedNumber } from "@/server/read-models/dashboard/links";

const SLOT = 10;
const HEIGHT = 100;

/** One series of bars: a number per day, each linking to its tickets. */
export interface DaySeries {
  /** The legend and the table's column: "Created". */
  name: string;
  /** Its total in the summary ("12 created", "1 target breached"), and its busiest day's. */
  counted: (total: number) => string;
  busiest: string;
  /** Tailwind classes of the legend's swatch and of the bars. */
  swatch: string;
  fill: string;
  days: { day: string; number: LinkedNumber }[];
  metric: (day: string) => string;
  context: (day: string) => string;
}

/**
 * Numbers per day as hand-drawn bars (one colour per series, side by side), with a table of the
 * same numbers as links, folded under it, as the chart's text alternative.
 */
export function PerDayChart({
  id,
  title,
  series,
  tableLabel,
}: {
  /** Makes the chart's ids unique on the page. */
  id: string;
  title: string;
  series: DaySeries[];
  /** "Show the numbers per day": the folded table's summary. */
  tableLabel: string;
}) {
  const days = series[0]?.days.map((d) => d.day) ?? [];
  const totals = series.map((s) => s.days.reduce((n, d) => n + d.number.value, 0));
  const max = Math.max(1, ...series.flatMap((s) => s.days.map((d) => d.number.value)));
  const lead = series[0];
  const busiest = lead?.days.reduce<(typeof lead.days)[number] | undefined>(
    (best, d) => (!best || d.number.value > best.number.value ? d : best),
    undefined,
  );
  const first = days[0] ?? "";
  const last = days.at(-1) ?? "";
  const summary =
    `From ${first} to ${last}: ${series.map((s, i) => s.counted(totals[i] ?? 0)).join(" and ")}.` +
    (lead && busiest && busiest.number.value > 0
      ? ` ${lead.busiest} on ${busiest.day} (${busiest.number.value}).`
      : "") +
    " The table below lists every day.";
  const bar = (value: number) => (value / max) * HEIGHT;
  const width = (SLOT - 2) / Math.max(1, series.length);

  return (
    <figure className="grid gap-2">
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
        {series.map((s, i) => (
          <span key={s.name} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block size-3 rounded-sm ${s.swatch}`} />
            {s.name} ({totals[i]})
          </span>
        ))}
        <span className="text-slate-600 dark:text-slate-400">Scale: 0 to {max} per day</span>
      </div>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${days.length * SLOT} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-40 w-full border-b border-l border-slate-400 dark:border-slate-500"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {[0.5, 1].map((f) => (
          <line
            key={f}
            x1={0}
            x2={days.length * SLOT}
            y1={HEIGHT - f * HEIGHT}
            y2={HEIGHT - f * HEIGHT}
            vectorEffect="non-scaling-stroke"
            className="stroke-slate-200 dark:stroke-slate-700"
            strokeDasharray="4 4"
          />
        ))}
        {days.map((day, i) => (
          <g key={day}>
            {series.map((s, j) => {
              const value = s.days[i]?.number.value ?? 0;
              return (
                <rect
                  key={s.name}
                  x={i * SLOT + 1 + j * width}
                  y={HEIGHT - bar(value)}
                  width={width}
                  height={bar(value)}
                  className={s.fill}
                />
              );
            })}
          </g>
        ))}
      </svg>
      <div
        className="flex justify-between text-xs text-slate-600 dark:text-slate-400"
        aria-hidden="true"
      >
        <span>{first}</span>
        <span>{last}</span>
      </div>
      <figcaption className="text-sm text-slate-700 dark:text-slate-300">{summary}</figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer rounded text-blue-800 underline underline-offset-2 dark:text-blue-300">
          {tableLabel} (newest first)
        </summary>
        <div className="mt-2 max-h-96 overflow-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">{title}; newest first</caption>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th scope="col" className="py-1 pr-4 font-medium">
                  Day (UTC)
                </th>
                {series.map((s) => (
                  <th key={s.name} scope="col" className="py-1 pr-4 font-medium">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((day) => {
                const i = days.indexOf(day);
                return (
                  <tr key={day} className="border-b border-slate-100 dark:border-slate-800">
                    <th scope="row" className="py-1 pr-4 font-normal">
                      {day}
                    </th>
                    {series.map((s) => {
                      const number = s.days[i]?.number;
                      return (
                        <td key={s.name} className="py-1 pr-4">
                          {number ? (
                            <NumberLink
                              metric={s.metric(day)}
                              number={number}
                              context={s.context(day)}
                            />
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
