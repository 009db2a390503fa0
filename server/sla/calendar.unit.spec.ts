import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  addBusinessTime,
  type BusinessCalendar,
  businessCalendarSchema,
  businessTimeBetween,
  WEEKDAYS,
  type Weekday,
  workingIntervals,
} from "@/server/sla/calendar";
import { parseHolidaysFromICalendar } from "@/server/sla/icalendar";

// Expected instants are written as local wall time with the offset in force that day, worked
// out by hand: Lisbon is +00:00 in winter and +01:00 from the last Sunday of March to the last
// Sunday of October; New York is -05:00, and -04:00 from the 2nd Sunday of March to the 1st
// Sunday of November. In 2026, 2026-06-07 and 2026-12-27 are Sundays.
const at = (text: string) => new Date(text);
const hours = (n: number) => n * 3_600_000;
type Interval = [string, string];

const calendar = (
  week: Partial<Record<Weekday, Interval[]>>,
  { timeZone = "Europe/Lisbon", holidays = [] as string[] } = {},
): BusinessCalendar => ({ timeZone, hours: week, holidays });
const weekdays = (...intervals: Interval[]) =>
  Object.fromEntries(WEEKDAYS.slice(0, 5).map((day) => [day, intervals]));
const everyDay = (...intervals: Interval[]) =>
  Object.fromEntries(WEEKDAYS.map((day) => [day, intervals]));

const office = calendar(weekdays(["09:00", "17:00"]));
const roundTheClock = (timeZone: string) => calendar(everyDay(["00:00", "24:00"]), { timeZone });

describe("addBusinessTime on office hours (Lisbon, 09:00–17:00 weekdays)", () => {
  it.each([
    // 10:00 + 30 min, inside one interval
    ["a target smaller than one interval", "2026-06-09T10:00+01:00", 0.5, "2026-06-09T10:30+01:00"],
    // Friday 16:00–17:00 is 1 h, Monday 09:00–10:00 the second
    ["a weekend in between", "2026-06-05T16:00+01:00", 2, "2026-06-08T10:00+01:00"],
    // Saturday: counting starts Monday 09:00
    ["a ticket created on Saturday", "2026-06-06T12:00+01:00", 1, "2026-06-08T10:00+01:00"],
    ["a ticket created before opening", "2026-06-09T07:00+01:00", 1, "2026-06-09T10:00+01:00"],
    // Tuesday 17:00 is closed: counting starts Wednesday 09:00
    ["a ticket created at closing time", "2026-06-09T17:00+01:00", 1, "2026-06-10T10:00+01:00"],
    // 09:00 + 8 h lands on closing time itself, not on the next opening
    ["a target that fills the day", "2026-06-09T09:00+01:00", 8, "2026-06-09T17:00+01:00"],
  ])("given %s, when %s plus %s h, then due at %s", (_, from, target, due) => {
    expect(addBusinessTime(office, at(from), hours(target))).toEqual(at(due));
  });

  it("given a lunch break, when a target crosses it, then the break is skipped", () => {
    const split = calendar({
      tue: [
        ["09:00", "12:00"],
        ["13:00", "17:30"],
      ],
    });
    // 11:30–12:00 is 30 min, 13:00–13:30 the other 30
    expect(addBusinessTime(split, at("2026-06-09T11:30+01:00"), hours(1))).toEqual(
      at("2026-06-09T13:30+01:00"),
    );
  });

  it("given a holiday on Friday 2026-12-25, when 8 h from Thursday 16:00, then due Monday 16:00", () => {
    const christmas = calendar(weekdays(["09:00", "17:00"]), { holidays: ["2026-12-25"] });
    // Thursday 16:00–17:00 is 1 h; Friday is a holiday, then the weekend; Monday 09:00 + 7 h
    expect(addBusinessTime(christmas, at("2026-12-24T16:00+00:00"), hours(8))).toEqual(
      at("2026-12-28T16:00+00:00"),
    );
    // and businessTimeBetween counts those same 8 h
    expect(
      businessTimeBetween(christmas, at("2026-12-24T16:00+00:00"), at("2026-12-28T16:00+00:00")),
    ).toBe(hours(8));
  });

  it("given a zero target, when added, then the answer is the start itself, even on a Saturday", () => {
    expect(addBusinessTime(office, at("2026-06-06T12:00+01:00"), 0)).toEqual(
      at("2026-06-06T12:00+01:00"),
    );
  });
});

describe("daylight-saving changes", () => {
  it.each([
    // Lisbon springs forward on Sunday 2026-03-29 at 01:00 (to 02:00): that day has 23 h
    ["Europe/Lisbon", "2026-03-28T12:00+00:00", "2026-03-29T13:00+01:00"],
    // and falls back on Sunday 2026-10-25 at 02:00 (to 01:00): that day has 25 h
    ["Europe/Lisbon", "2026-10-24T12:00+01:00", "2026-10-25T11:00+00:00"],
    // New York springs forward on 2026-03-08 at 02:00 and falls back on 2026-11-01 at 02:00
    ["America/New_York", "2026-03-07T12:00-05:00", "2026-03-08T13:00-04:00"],
    ["America/New_York", "2026-10-31T12:00-04:00", "2026-11-01T11:00-05:00"],
  ])(
    "given %s working 00:00–24:00 every day, when 24 h from %s, then due at %s",
    (timeZone, from, due) => {
      expect(addBusinessTime(roundTheClock(timeZone), at(from), hours(24))).toEqual(at(due));
    },
  );

  it("given 00:00–24:00 every day, when the changeover days are measured, then they last 23 h and 25 h", () => {
    const lisbon = roundTheClock("Europe/Lisbon");
    const day = (start: string, end: string) => businessTimeBetween(lisbon, at(start), at(end));
    expect(day("2026-03-29T00:00+00:00", "2026-03-30T00:00+01:00")).toBe(hours(23));
    expect(day("2026-10-25T00:00+01:00", "2026-10-26T00:00+00:00")).toBe(hours(25));
  });

  it("given a Sunday 00:00–06:00 interval, when the clocks change that night, then it lasts 5 h, or 7 h", () => {
    const night = calendar({ sun: [["00:00", "06:00"]] });
    expect(businessTimeBetween(night, at("2026-03-29T00:00Z"), at("2026-03-30T00:00Z"))).toBe(
      hours(5),
    );
    expect(businessTimeBetween(night, at("2026-10-24T12:00Z"), at("2026-10-26T00:00Z"))).toBe(
      hours(7),
    );
  });

  it("given office hours in New York, when a target spans the spring change, then Monday opens at 09:00 EDT", () => {
    const newYork = calendar(weekdays(["09:00", "17:00"]), { timeZone: "America/New_York" });
    // Friday 16:00–17:00 EST is 1 h, Monday 09:00–10:00 EDT (13:00Z–14:00Z) the second
    expect(addBusinessTime(newYork, at("2026-03-06T16:00-05:00"), hours(2))).toEqual(
      at("2026-03-09T10:00-04:00"),
    );
  });

  afterEach(() => vi.useRealTimers());

  it("given an interval starting at 01:30 on the night 01:00–02:00 repeats, when it is run in any season, then it starts at the first 01:30", () => {
    const window = [at("2026-10-24T12:00Z"), at("2026-10-26T00:00Z")] as const;
    // The first 01:30 is 01:30+01:00 (00:30Z); 03:00 is 03:00+00:00: 2 h 30 min
    for (const now of ["2026-01-15T12:00Z", "2026-07-15T12:00Z"]) {
      vi.useFakeTimers({ now: at(now) });
      // A fresh calendar each time: a compiled one would answer from its cache.
      const repeated = calendar({ sun: [["01:30", "03:00"]] });
      expect(workingIntervals(repeated, ...window)).toEqual([
        { start: at("2026-10-25T00:30Z"), end: at("2026-10-25T03:00Z") },
      ]);
    }
  });
});

describe("an overnight shift (Sunday 22:00–24:00 and Monday 00:00–06:00)", () => {
  const overnight = calendar({ sun: [["22:00", "24:00"]], mon: [["00:00", "06:00"]] });

  it("given a ticket at 23:00 Sunday, when 2 h are added, then due at 01:00 Monday", () => {
    expect(addBusinessTime(overnight, at("2026-06-07T23:00+01:00"), hours(2))).toEqual(
      at("2026-06-08T01:00+01:00"),
    );
  });

  it("given the week, when its working intervals are listed, then the shift is one stretch", () => {
    expect(
      workingIntervals(overnight, at("2026-06-07T00:00+01:00"), at("2026-06-14T00:00+01:00")),
    ).toEqual([{ start: at("2026-06-07T22:00+01:00"), end: at("2026-06-08T06:00+01:00") }]);
  });

  it("given Sunday is a holiday, when counted, then its 22:00–24:00 drops and Monday's part stays", () => {
    const holiday = calendar(
      { sun: [["22:00", "24:00"]], mon: [["00:00", "06:00"]] },
      { holidays: ["2026-06-07"] },
    );
    expect(
      businessTimeBetween(holiday, at("2026-06-07T00:00+01:00"), at("2026-06-09T00:00+01:00")),
    ).toBe(hours(6));
  });
});

describe("businessTimeBetween", () => {
  it("given a weekend in between, when Friday 16:00 to Monday 10:00, then 2 h", () => {
    expect(
      businessTimeBetween(office, at("2026-06-05T16:00+01:00"), at("2026-06-08T10:00+01:00")),
    ).toBe(hours(2));
  });

  it("given an end before the start, when measured, then 0", () => {
    expect(
      businessTimeBetween(office, at("2026-06-09T12:00+01:00"), at("2026-06-09T10:00+01:00")),
    ).toBe(0);
  });
});

describe("calendars without working hours", () => {
  it("given no working interval at all, when a target is added, then nothing is ever due", () => {
    const never = calendar({});
    expect(addBusinessTime(never, at("2026-06-09T10:00Z"), 1)).toBeNull();
    expect(businessTimeBetween(never, at("2026-06-01T00:00Z"), at("2026-07-01T00:00Z"))).toBe(0);
  });

  it("given every working day is a holiday for 3 years, when a target is added, then null", () => {
    const mondays = Array.from({ length: 160 }, (_, week) =>
      new Date(Date.UTC(2026, 5, 8 + 7 * week)).toISOString().slice(0, 10),
    );
    const closed = calendar({ mon: [["09:00", "17:00"]] }, { holidays: mondays });
    expect(addBusinessTime(closed, at("2026-06-08T00:00Z"), 1)).toBeNull();
  });

  it("given alwaysOpen, when counted, then every millisecond counts", () => {
    const open: BusinessCalendar = { alwaysOpen: true };
    expect(addBusinessTime(open, at("2026-06-06T12:00Z"), hours(36))).toEqual(
      at("2026-06-08T00:00Z"),
    );
    expect(businessTimeBetween(open, at("2026-06-06T12:00Z"), at("2026-06-08T00:00Z"))).toBe(
      hours(36),
    );
  });
});

const minuteText = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
// Up to 6 sorted, disjoint intervals on a quarter-hour grid, 24:00 included.
const dayArbitrary = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 12 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const pairs: Interval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      pairs.push([minuteText(sorted[i]! * 15), minuteText(sorted[i + 1]! * 15)]);
    return pairs;
  });
const calendarArbitrary = fc
  .record({
    timeZone: fc.constantFrom(
      "Europe/Lisbon",
      "America/New_York",
      "Australia/Lord_Howe",
      "Asia/Kolkata",
      "Asia/Beirut",
      "UTC",
    ),
    hours: fc.record(Object.fromEntries(WEEKDAYS.map((day) => [day, dayArbitrary])), {
      requiredKeys: [],
    }),
    holidays: fc
      .uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 8 })
      .map((days) =>
        days.map((day) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10)),
      ),
  })
  .map((input) => businessCalendarSchema.parse(input));
const instantArbitrary = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) })
  .map((ms) => new Date(ms));

describe("properties", () => {
  it("given any calendar, start and target, when the target is added, then businessTimeBetween measures it back", () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        fc.integer({ min: 0, max: hours(60) }),
        (c, from, ms) => {
          const due = addBusinessTime(c, from, ms);
          if (due === null) return;
          expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
          expect(businessTimeBetween(c, from, due)).toBe(ms);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("given any calendar and window, when intervals are listed, then they are ordered, apart, and add up", () => {
    fc.assert(
      fc.property(
        calendarArbitrary,
        instantArbitrary,
        fc.integer({ min: 0, max: hours(24 * 20) }),
        (c, from, span) => {
          const to = new Date(from.getTime() + span);
          const intervals = workingIntervals(c, from, to);
          intervals.forEach(({ start, end }, i) => {
            expect(end.getTime()).toBeGreaterThan(start.getTime());
            expect(start.getTime()).toBeGreaterThan(
              intervals[i - 1]?.end.getTime() ?? from.getTime() - 1,
            );
          });
          const total = intervals.reduce(
            (sum, { start, end }) => sum + end.getTime() - start.getTime(),
            0,
          );
          expect(businessTimeBetween(c, from, to)).toBe(total);
        },
      ),
      { numRuns: 100 },
    );
  });
});

const issuesOf = (input: unknown) => {
  const result = z
    .strictObject({ calendar: businessCalendarSchema })
    .safeParse({ calendar: input });
  return result.success
    ? []
    : result.error.issues.map(({ path, message }) => ({ path: path.join("."), message }));
};
const lisbonWith = (fields: object) => ({ timeZone: "Europe/Lisbon", hours: {}, ...fields });

describe("businessCalendarSchema", () => {
  it("given the documented example, when parsed, then it is kept as given", () => {
    const example = {
      timeZone: "Europe/Lisbon",
      hours: {
        mon: [["09:00", "17:30"]],
        tue: [
          ["09:00", "12:00"],
          ["13:00", "17:30"],
        ],
        sat: [],
        sun: [["22:00", "24:00"]],
      },
      holidays: ["2026-12-25"],
    };
    expect(businessCalendarSchema.parse(example)).toEqual(example);
    expect(businessCalendarSchema.parse({ alwaysOpen: true })).toEqual({ alwaysOpen: true });
    expect(businessCalendarSchema.parse({ timeZone: "UTC", hours: {} })).toEqual({
      timeZone: "UTC",
      hours: {},
      holidays: [],
    });
  });

  it.each([
    [
      "an unknown time zone",
      lisbonWith({ timeZone: "Europe/Lisboa" }),
      "calendar.timeZone",
      /Unknown time zone "Europe\/Lisboa"/,
    ],
    ["no time zone", { hours: {} }, "calendar.timeZone", /expected string/],
    [
      "a time not HH:MM",
      lisbonWith({ hours: { mon: [["9:00", "17:00"]] } }),
      "calendar.hours.mon.0.0",
      /HH:MM/,
    ],
    [
      "24:00 as a start",
      lisbonWith({ hours: { mon: [["24:00", "24:00"]] } }),
      "calendar.hours.mon.0.0",
      /HH:MM/,
    ],
    [
      "an end past 24:00",
      lisbonWith({ hours: { mon: [["09:00", "24:30"]] } }),
      "calendar.hours.mon.0.1",
      /HH:MM/,
    ],
    [
      "an interval of one time",
      lisbonWith({ hours: { tue: [["09:00", "12:00"], ["13:00"]] } }),
      "calendar.hours.tue.1",
      /2 items/,
    ],
    [
      "an end before its start",
      lisbonWith({
        hours: {
          tue: [
            ["09:00", "12:00"],
            ["17:00", "13:00"],
          ],
        },
      }),
      "calendar.hours.tue.1",
      /must end after it starts \(17:00–13:00\)/,
    ],
    [
      "overlapping intervals",
      lisbonWith({
        hours: {
          tue: [
            ["13:00", "17:00"],
            ["09:00", "13:30"],
          ],
        },
      }),
      "calendar.hours.tue.0",
      /must not overlap \(09:00–13:30 and 13:00–17:00\)/,
    ],
    [
      "7 intervals a day",
      lisbonWith({ hours: { wed: Array.from({ length: 7 }, (_, h) => [`0${h}:00`, `0${h}:30`]) } }),
      "calendar.hours.wed",
      /At most 6/,
    ],
    ["a day not in the week", lisbonWith({ hours: { monday: [] } }), "calendar.hours", /monday/],
    [
      "an impossible date",
      lisbonWith({ holidays: ["2026-02-30"] }),
      "calendar.holidays.0",
      /YYYY-MM-DD/,
    ],
    [
      "a holiday twice",
      lisbonWith({ holidays: ["2026-12-25", "2026-12-25"] }),
      "calendar.holidays.1",
      /listed twice/,
    ],
    [
      "501 holidays",
      lisbonWith({
        holidays: Array.from({ length: 501 }, (_, d) =>
          new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10),
        ),
      }),
      "calendar.holidays",
      /At most 500/,
    ],
    [
      "alwaysOpen not true",
      { alwaysOpen: "yes" },
      "calendar.alwaysOpen",
      /alwaysOpen must be true/,
    ],
    ["alwaysOpen with hours", { alwaysOpen: true, timeZone: "UTC" }, "calendar", /timeZone/],
  ])("given %s, when parsed, then the issue names %s", (_, input, path, message) => {
    const issues = issuesOf(input);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});

describe("parseHolidaysFromICalendar", () => {
  const ics = (...events: string[]) =>
    ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", ...events, "END:VCALENDAR"].join(
      "\r\n",
    );
  let uid = 0;
  const event = (...lines: string[]) =>
    ["BEGIN:VEVENT", `UID:${++uid}@test`, ...lines, "END:VEVENT"].join("\r\n");

  it("given a one-day and a multi-day all-day holiday, when parsed, then every date, sorted, once", () => {
    const text = ics(
      event("DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270102", "SUMMARY:New year"),
      event("DTSTART;VALUE=DATE:20261225", "SUMMARY:Christmas"),
      event("DTSTART;VALUE=DATE:20270101", "DTEND;VALUE=DATE:20270102", "SUMMARY:Again"),
    );
    // 12-31 to 01-02 excluded is two days; 01-01 comes twice
    expect(parseHolidaysFromICalendar(text)).toEqual(["2026-12-25", "2026-12-31", "2027-01-01"]);
  });

  it("given a yearly holiday, when parsed, then its occurrences for 3 years from the first", () => {
    const text = ics(
      event("DTSTART;VALUE=DATE:20260501", "RRULE:FREQ=YEARLY", "EXDATE;VALUE=DATE:20270501"),
    );
    // 2029-05-01 is 3 years on, so outside; 2027 is excluded
    expect(parseHolidaysFromICalendar(text)).toEqual(["2026-05-01", "2028-05-01"]);
  });

  it.each([
    ["plain text", "hello"],
    ["an empty text", ""],
    ["a vCard", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD"],
  ])("given %s, when parsed, then it is refused as not an iCalendar", (_, text) => {
    expect(() => parseHolidaysFromICalendar(text)).toThrow(/Not an iCalendar text/);
  });
});
