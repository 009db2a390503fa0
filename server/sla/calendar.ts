import { DateTime, IANAZone } from "luxon";
import { z } from "zod";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local working hours in a time zone, or every millisecond (`alwaysOpen`). */
export type BusinessCalendar =
  | { alwaysOpen: true }
  | {
      alwaysOpen?: false;
      timeZone: string;
      hours: Partial<Record<Weekday, [string, string][]>>;
      holidays: string[];
    };
type HoursCalendar = Exclude<BusinessCalendar, { alwaysOpen: true }>;

const MAX_INTERVALS_A_DAY = 6;
const MAX_HOLIDAYS = 500;
/** How far addBusinessTime looks for working time before it answers null. */
const SEARCH_DAYS = 3 * 366;

const DAY_MS = 86_400_000;
const START = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const END = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const intervalSchema = z
  .tuple([
    z.string().regex(START, "A start time must be HH:MM, from 00:00 to 23:59"),
    z.string().regex(END, "An end time must be HH:MM, from 00:00 to 24:00"),
  ])
  .superRefine(([start, end], ctx) => {
    // The format issues above do not stop this check; it has nothing to say about bad times.
    if (START.test(start) && END.test(end) && minutesOf(end) <= minutesOf(start))
      ctx.addIssue({
        code: "custom",
        message: `An interval must end after it starts (${start}–${end})`,
      });
  });

const daySchema = z
  .array(intervalSchema)
  .max(MAX_INTERVALS_A_DAY, `At most ${MAX_INTERVALS_A_DAY} intervals a day`)
  .superRefine((intervals, ctx) => {
    const valid = intervals
      .map(([start, end], index) => ({ start, end, index }))
      .filter(({ start, end }) => START.test(start) && END.test(end) && end > start)
      .sort((a, b) => a.start.localeCompare(b.start));
    valid.forEach((next, i) => {
      const previous = valid[i - 1];
      if (previous && next.start < previous.end)
        ctx.addIssue({
          code: "custom",
          path: [next.index],
          message: `Intervals of one day must not overlap (${previous.start}–${previous.end} and ${next.start}–${next.end})`,
        });
    });
  });

const isDate = (text: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: "utc" }).isValid;

// Duplicates are refused rather than dropped: a list an admin typed twice is worth pointing out.
const holidaysSchema = z
  .array(z.string().refine(isDate, "A holiday must be a date, YYYY-MM-DD"))
  .max(MAX_HOLIDAYS, `At most ${MAX_HOLIDAYS} holidays`)
  .superRefine((holidays, ctx) => {
    const seen = new Set<string>();
    holidays.forEach((holiday, index) => {
      if (seen.has(holiday))
        ctx.addIssue({ code: "custom", path: [index], message: `${holiday} is listed twice` });
      seen.add(holiday);
    });
  })
  .default([]);

// Discriminated on alwaysOpen (absent or false for working hours) so that every issue keeps
// the path of its field; a plain union reports a missing or mistyped field at its root.
export const businessCalendarSchema: z.ZodType<BusinessCalendar> = z.discriminatedUnion(
  "alwaysOpen",
  [
    z.strictObject({ alwaysOpen: z.literal(true) }),
    z.strictObject({
      alwaysOpen: z.literal(false).optional(),
      timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), {
        error: (issue) =>
          `Unknown time zone "${String(issue.input)}" (an IANA name, e.g. Europe/Lisbon)`,
      }),
      hours: z.strictObject({
        mon: daySchema.optional(),
        tue: daySchema.optional(),
        wed: daySchema.optional(),
        thu: daySchema.optional(),
        fri: daySchema.optional(),
        sat: daySchema.optional(),
        sun: daySchema.optional(),
      }),
      holidays: holidaysSchema,
    }),
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? "alwaysOpen must be true, or false or absent for a calendar with timeZone and hours"
        : undefined,
  },
);

type Span = [start: number, end: number];
interface Compiled {
  zone: IANAZone;
  /** Minutes since local midnight, sorted, Monday first. */
  week: Span[][];
  holidays: Set<number>;
  /** Working spans by local day number (days since 1970-01-01), bounded. */
  days: Map<number, Span[]>;
}
const DAY_CACHE_LIMIT = 4096;
// Calendars are treated as immutable values: a changed calendar must be a new object.
const compiledCalendars = new WeakMap<HoursCalendar, Compiled>();

function compile(calendar: HoursCalendar): Compiled {
  let compiled = compiledCalendars.get(calendar);
  if (!compiled) {
    const week = WEEKDAYS.map((day) =>
      (calendar.hours[day] ?? [])
        .map(([start, end]): Span => [minutesOf(start), minutesOf(end)])
        .sort((a, b) => a[0] - b[0]),
    );
    const holidays = calendar.holidays.map((date) => {
      const { year, month, day } = DateTime.fromISO(date, { zone: "utc" });
      return dayNumber(year, month, day);
    });
    compiled = {
      zone: IANAZone.create(calendar.timeZone),
      week,
      holidays: new Set(holidays),
      days: new Map(),
    };
    compiledCalendars.set(calendar, compiled);
  }
  return compiled;
}

function dayNumber(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, years 0–99 stay themselves
  return date.getTime() / DAY_MS;
}

function localDay(zone: IANAZone, ms: number): number {
  const local = DateTime.fromMillis(ms, { zone });
  return dayNumber(local.year, local.month, local.day);
}

/** The instant of a local wall time; minutes may be 1440, the next day's midnight. */
function wallInstant(zone: IANAZone, day: number, minutes: number): number {
  const date = new Date((day + Math.floor(minutes / 1440)) * DAY_MS);
  const local = DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor((minutes % 1440) / 60),
      minute: minutes % 60,
    },
    { zone },
  );
  // Luxon resolves a wall time that occurs twice (autumn) by the offset in force *now*; the
  // earlier one keeps answers independent of the day the code runs.
  return Math.min(...local.getPossibleOffsets().map((candidate) => candidate.toMillis()));
}

function spansOfDay(c: Compiled, day: number): Span[] {
  const cached = c.days.get(day);
  if (cached) return cached;
  const spans: Span[] = [];
  const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
  for (const [from, to] of c.holidays.has(day) ? [] : (c.week[weekday] ?? [])) {
    const start = wallInstant(c.zone, day, from);
    const end = wallInstant(c.zone, day, to);
    const last = spans.at(-1);
    // An interval that lies inside a daylight-saving gap has no length at all.
    if (end <= start) continue;
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else spans.push([start, end]);
  }
  if (c.days.size >= DAY_CACHE_LIMIT) c.days.clear();
  c.days.set(day, spans);
  return spans;
}

/** Working spans ending after fromMs, in order, through local day lastDay. */
function* spansFrom(c: Compiled, fromMs: number, lastDay: number): Generator<Span> {
  for (let day = localDay(c.zone, fromMs); day <= lastDay; day++)
    for (const span of spansOfDay(c, day)) if (span[1] > fromMs) yield span;
}

function instant(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid date");
  return ms;
}

/**
 * The instant when `ms` of working time have passed after `from` (counting starts at the
 * next working moment; ms = 0 is `from` itself). A target that ends exactly at closing
 * time is that closing time. null if not reached within SEARCH_DAYS local days.
 */
export function addBusinessTime(calendar: BusinessCalendar, from: Date, ms: number): Date | null {
  const fromMs = instant(from);
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Invalid duration: ${ms}`);
  if (ms === 0) return new Date(fromMs);
  if (calendar.alwaysOpen === true) return new Date(fromMs + ms);
  const c = compile(calendar);
  if (c.week.every((intervals) => intervals.length === 0)) return null;
  let remaining = ms;
  for (const [start, end] of spansFrom(c, fromMs, localDay(c.zone, fromMs) + SEARCH_DAYS)) {
    const begin = Math.max(start, fromMs);
    if (remaining <= end - begin) return new Date(begin + remaining);
    remaining -= end - begin;
  }
  return null;
}

/** Working time (ms) in [from, to); 0 if to <= from. Takes time linear in the days between. */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  return workingIntervals(calendar, from, to).reduce(
    (total, { start, end }) => total + end.getTime() - start.getTime(),
    0,
  );
}

/** The working intervals within [from, to), clipped to it, merged where they touch. */
export function workingIntervals(
  calendar: BusinessCalendar,
  from: Date,
  to: Date,
): { start: Date; end: Date }[] {
  const [fromMs, toMs] = [instant(from), instant(to)];
  if (toMs <= fromMs) return [];
  if (calendar.alwaysOpen === true) return [{ start: new Date(fromMs), end: new Date(toMs) }];
  const c = compile(calendar);
  const merged: Span[] = [];
  for (const [start, end] of spansFrom(c, fromMs, localDay(c.zone, toMs))) {
    if (start >= toMs) break;
    const span: Span = [Math.max(start, fromMs), Math.min(end, toMs)];
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = span[1];
    else merged.push(span);
  }
  return merged.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}
