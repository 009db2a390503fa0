import { NumberLink } from "@/app/dashboard/_components/number-link";
import type { DashboardLinks } from "@/server/read-models/dashboard/links";

const SLOT = 10;
const HEIGHT = 100;

/** Created vs closed per day as hand-drawn bars, with a table of the same numbers as links. */
export function PerDayChart({ perDay }: { perDay: DashboardLinks["perDay"] }) {
  const created = perDay.reduce((n, d) => n + d.created.value, 0);
  const closed = perDay.reduce((n, d) => n + d.closed.value, 0);
  const max = Math.max(1, ...perDay.flatMap((d) => [d.created.value, d.closed.value]));
  const busiest = perDay.reduce<(typeof perDay)[number] | undefined>(
    (best, d) => (!best || d.created.value > best.created.value ? d : best),
    undefined,
  );
  const first = perDay[0]?.day ?? "";
  const last = perDay.at(-1)?.day ?? "";
  const summary =
    `From ${first} to ${last}: ${created} created and ${closed} closed.` +
    (busiest && busiest.created.value > 0
      ? ` Most created on ${busiest.day} (${busiest.created.value}).`
      : "") +
    " The table below lists every day.";
  const bar = (value: number) => (value / max) * HEIGHT;

  return (
    <figure className="grid gap-2">
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
        <span className="inline-flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="inline-block size-3 rounded-sm bg-sky-600 dark:bg-sky-400"
          />
          Created ({created})
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="inline-block size-3 rounded-sm bg-orange-600 dark:bg-orange-400"
          />
          Closed ({closed})
        </span>
        <span className="text-slate-600 dark:text-slate-400">Scale: 0 to {max} per day</span>
      </div>
      <svg
        role="img"
        aria-labelledby="per-day-title"
        aria-describedby="per-day-desc"
        viewBox={`0 0 ${perDay.length * SLOT} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-40 w-full border-b border-l border-slate-400 dark:border-slate-500"
      >
        <title id="per-day-title">Tickets created and closed per day, last 30 UTC days</title>
        <desc id="per-day-desc">{summary}</desc>
        {[0.5, 1].map((f) => (
          <line
            key={f}
            x1={0}
            x2={perDay.length * SLOT}
            y1={HEIGHT - f * HEIGHT}
            y2={HEIGHT - f * HEIGHT}
            vectorEffect="non-scaling-stroke"
            className="stroke-slate-200 dark:stroke-slate-700"
            strokeDasharray="4 4"
          />
        ))}
        {perDay.map((d, i) => (
          <g key={d.day}>
            <rect
              x={i * SLOT + 1}
              y={HEIGHT - bar(d.created.value)}
              width={4}
              height={bar(d.created.value)}
              className="fill-sky-600 dark:fill-sky-400"
            />
            <rect
              x={i * SLOT + 5}
              y={HEIGHT - bar(d.closed.value)}
              width={4}
              height={bar(d.closed.value)}
              className="fill-orange-600 dark:fill-orange-400"
            />
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
          Show the numbers per day (newest first)
        </summary>
        <div className="mt-2 max-h-96 overflow-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">
              Tickets created and closed per UTC day, newest first
            </caption>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th scope="col" className="py-1 pr-4 font-medium">
                  Day (UTC)
                </th>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Created
                </th>
                <th scope="col" className="py-1 font-medium">
                  Closed
                </th>
              </tr>
            </thead>
            <tbody>
              {[...perDay].reverse().map((d) => (
                <tr key={d.day} className="border-b border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {d.day}
                  </th>
                  <td className="py-1 pr-4">
                    <NumberLink
                      metric={`perDay.${d.day}.created`}
                      number={d.created}
                      context={`tickets created on ${d.day}`}
                    />
                  </td>
                  <td className="py-1">
                    <NumberLink
                      metric={`perDay.${d.day}.closed`}
                      number={d.closed}
                      context={`tickets closed on ${d.day}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
