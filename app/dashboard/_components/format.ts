/** A duration for people: "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
export function humanDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const hours = Math.round(ms / 3_600_000);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** A short lag: "80 ms" under a second, then "1.2 s", then as a duration. */
export function humanLag(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return humanDuration(ms);
}

/** The UTC time of day of an ISO timestamp, "12:03:04" (the same on the server and in the browser). */
export const utcTime = (iso: string) => iso.slice(11, 19);

/** "1 change", "3 changes". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
