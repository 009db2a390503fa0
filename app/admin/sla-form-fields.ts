// The SLA policy form's fields, shared by the form (a client component) and its server action.
// Each input is named by the path zod reports its issues at (`calendar.hours.tue.1.0`), so a
// refusal's field errors land beside the input that caused them without any mapping. Pure, and
// free of the server's schema modules (zod, luxon), which the browser does not need.
import type { Weekday } from "@/server/sla/calendar";
import type { SlaPolicyInput, SlaTarget } from "@/server/sla/policy-schema";
import type { Priority } from "@/server/tickets/domain/types";

export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const satisfies Weekday[];

export const DAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/** Most urgent first, as a lead reads the targets. */
export const PRIORITY_ORDER = ["urgent", "high", "normal", "low"] as const satisfies Priority[];

export const TARGETS = [
  "firstResponse",
  "nextResponse",
  "resolution",
] as const satisfies SlaTarget[];

export const TARGET_NAMES: Record<SlaTarget, string> = {
  firstResponse: "First response",
  nextResponse: "Next response",
  resolution: "Resolution",
};

/** The server's own bound (server/sla/calendar.ts), so the form never offers more. */
export const MAX_INTERVALS = 6;

export const MODE_FIELD = "calendarMode";
export const TIME_ZONE_FIELD = "calendar.timeZone";
export const daysField = (day: Weekday) => `calendar.hours.${day}`;
/** An interval's errors (ends before it starts, overlaps); `.0` is its start and `.1` its end. */
export const intervalField = (day: Weekday, index: number) => `${daysField(day)}.${index}`;
export const HOLIDAYS_FIELD = "calendar.holidays";
export const holidayField = (index: number) => `${HOLIDAYS_FIELD}.${index}`;
export const targetField = (priority: Priority, target: SlaTarget) =>
  `targets.${priority}.${target}Minutes`;

/** Indexes of the fields named `<prefix><index><suffix>`, in order. */
function indexes(values: Record<string, string>, prefix: string, suffix = ""): number[] {
  const found: number[] = [];
  for (const key of Object.keys(values)) {
    if (!key.startsWith(prefix) || !key.endsWith(suffix)) continue;
    const middle = key.slice(prefix.length, key.length - suffix.length);
    if (/^\d{1,3}$/.test(middle)) found.push(Number(middle));
  }
  return found.sort((a, b) => a - b);
}

/**
 * Minutes as typed: empty is "no target", anything else a number for the schema to judge (a
 * word becomes NaN, which it refuses with its own message, rather than silently "none").
 */
const minutesOf = (text: string | undefined) => {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? null : Number(trimmed);
};

/** The form's fields as `slaPolicyInput` takes them; the schema judges what they say. */
export function policyFromForm(values: Record<string, string>): unknown {
  const targets = Object.fromEntries(
    PRIORITY_ORDER.map((priority) => [
      priority,
      Object.fromEntries(
        TARGETS.map((target) => [
          `${target}Minutes`,
          minutesOf(values[targetField(priority, target)]),
        ]),
      ),
    ]),
  );
  if (values[MODE_FIELD] !== "hours") return { calendar: { alwaysOpen: true }, targets };
  const hours = Object.fromEntries(
    DAYS.map((day) => [
      day,
      indexes(values, `${daysField(day)}.`, ".0").map((i) => [
        (values[`${intervalField(day, i)}.0`] ?? "").trim(),
        (values[`${intervalField(day, i)}.1`] ?? "").trim(),
      ]),
    ]),
  );
  const holidays = indexes(values, `${HOLIDAYS_FIELD}.`).map((i) =>
    (values[holidayField(i)] ?? "").trim(),
  );
  return {
    calendar: { timeZone: (values[TIME_ZONE_FIELD] ?? "").trim(), hours, holidays },
    targets,
  } satisfies Record<keyof SlaPolicyInput, unknown>;
}
