import ICAL from "ical.js";
import { DateTime } from "luxon";

const RECURRENCE_YEARS = 3;
// Bounds on what one event can add, so that a hostile or broken file cannot run away.
const MAX_OCCURRENCES = 1000;
const MAX_DAYS_AN_EVENT = 366;

type Time = InstanceType<typeof ICAL.Time>;

const isoDate = (time: Time) =>
  `${String(time.year).padStart(4, "0")}-${String(time.month).padStart(2, "0")}-${String(time.day).padStart(2, "0")}`;

/**
 * Holidays from an iCalendar text (e.g. an exported public-holiday calendar): every VEVENT's
 * date, each day of a multi-day all-day event (DTEND excluded), recurring events expanded for
 * 3 years from their first DTSTART; `YYYY-MM-DD`, sorted, without duplicates. A timed event
 * counts for the date it starts on. Throws on a text that is not an iCalendar.
 */
export function parseHolidaysFromICalendar(text: string): string[] {
  const dates = new Set<string>();
  for (const calendar of calendarsOf(text)) {
    for (const component of calendar.getAllSubcomponents("vevent")) {
      if (!component.hasProperty("dtstart")) continue; // not a valid event; nothing to take
      const event = new ICAL.Event(component);
      const first = event.startDate;
      const days = first.isDate ? daysBetween(first, event.endDate) : 1;
      const horizon = addDays(isoDate(first), 0, RECURRENCE_YEARS);
      for (const start of occurrences(event, horizon))
        for (let day = 0; day < days; day++) dates.add(addDays(isoDate(start), day));
    }
  }
  return [...dates].sort();
}

function calendarsOf(text: string): InstanceType<typeof ICAL.Component>[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    throw new Error(
      `Not an iCalendar text: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // One root component parses to [name, properties, components]; several to a list of those.
  const roots: unknown[] =
    Array.isArray(parsed) && typeof parsed[0] === "string"
      ? [parsed]
      : Array.isArray(parsed)
        ? parsed
        : [];
  const calendars = roots
    .filter((root): root is unknown[] => Array.isArray(root) && root[0] === "vcalendar")
    .map((root) => new ICAL.Component(root));
  if (calendars.length === 0) throw new Error("Not an iCalendar text: no VCALENDAR in it");
  return calendars;
}

/** Start times of an event's occurrences before horizon: DTSTART itself, then RRULE/RDATE ones. */
function* occurrences(event: InstanceType<typeof ICAL.Event>, horizon: string): Generator<Time> {
  const iterator = event.iterator();
  for (let n = 0; n < MAX_OCCURRENCES; n++) {
    // next() returns undefined past the last occurrence, whatever its declared type says.
    const start = iterator.next() as Time | undefined;
    if (!start || isoDate(start) >= horizon) return;
    yield start;
  }
}

function daysBetween(start: Time, end: Time): number {
  const days = DateTime.fromISO(isoDate(end), { zone: "utc" })
    .diff(DateTime.fromISO(isoDate(start), { zone: "utc" }), "days")
    .as("days");
  return Math.min(Math.max(1, Math.round(days)), MAX_DAYS_AN_EVENT);
}

function addDays(date: string, days: number, years = 0): string {
  return DateTime.fromISO(date, { zone: "utc" }).plus({ years, days }).toISODate() ?? date;
}
