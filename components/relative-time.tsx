const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];
const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

function relative(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/**
 * A relative time with the exact time on hover and for machines. "2 minutes ago" depends on
 * the clock that renders it: the server's when the page is rendered, the browser's when a
 * client component hydrates a moment (or a clock skew) later. The text may differ then, and
 * that difference alone must not fail hydration: React would render the whole page again in
 * the browser and throw away what the person had typed meanwhile. So the server's text stands
 * until the next render (the list re-renders every second).
 */
export function RelativeTime({ iso }: { iso: string }) {
  const exact = new Date(iso).toLocaleString("en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "UTC",
  });
  return (
    <time dateTime={iso} title={`${exact} UTC`} suppressHydrationWarning>
      {relative(iso)}
    </time>
  );
}
