// How the SLA screens write time left and time over: "45s", "12m 05s", "3h 05m", "2d 4h".

const two = (n: number) => String(n).padStart(2, "0");

/** A span of time, rounded down, in its two largest units: the last hour counts seconds. */
export function spanText(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${two(seconds % 60)}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${two(minutes % 60)}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** "due in 12m" until the moment, then "4m overdue". Counts up to the second, never "0s left". */
export function dueText(dueMs: number, now: number): string {
  const left = dueMs - now;
  return left > 0 ? `due in ${spanText(left + 999)}` : `${spanText(left)} overdue`;
}

/** An instant as the desk writes them everywhere: "4 Dec 2026, 14:05:12 UTC". */
export function utcText(iso: string): string {
  const exact = new Date(iso).toLocaleString("en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "UTC",
  });
  return `${exact} UTC`;
}
