// What the SLA policy form holds while a lead edits it: every field as typed (text), so a
// refused save keeps exactly what was there. Ids only key the rows (React), never the fields.
import { DAYS, PRIORITY_ORDER, TARGETS } from "@/app/admin/sla-form-fields";
import type { Weekday } from "@/server/sla/calendar";
import type { SlaPolicyInput, SlaTarget } from "@/server/sla/policy-schema";
import type { Priority } from "@/server/tickets/domain/types";

export interface IntervalDraft {
  id: number;
  start: string;
  end: string;
}

export interface HolidayDraft {
  id: number;
  date: string;
}

export interface SlaDraft {
  mode: "alwaysOpen" | "hours";
  timeZone: string;
  hours: Record<Weekday, IntervalDraft[]>;
  holidays: HolidayDraft[];
  targets: Record<Priority, Record<SlaTarget, string>>;
}

/** What a desk that kept no hours yet is offered when it switches to working hours. */
const OFFICE_HOURS: [string, string][] = [["09:00", "17:00"]];
const WORKING_DAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri"];

/** The saved policy as the form's draft. Ids count from 0, the same on the server and the browser. */
export function draftOf(policy: Pick<SlaPolicyInput, "calendar" | "targets">): SlaDraft {
  let id = 0;
  const calendar = policy.calendar.alwaysOpen ? null : policy.calendar;
  const hours = Object.fromEntries(
    DAYS.map((day) => {
      const intervals = calendar
        ? (calendar.hours[day] ?? [])
        : WORKING_DAYS.includes(day)
          ? OFFICE_HOURS
          : [];
      return [day, intervals.map(([start, end]) => ({ id: id++, start, end }))];
    }),
  ) as SlaDraft["hours"];
  const targets = Object.fromEntries(
    PRIORITY_ORDER.map((priority) => [
      priority,
      Object.fromEntries(
        TARGETS.map((target) => {
          const minutes = policy.targets[priority][`${target}Minutes`];
          return [target, minutes === null ? "" : String(minutes)];
        }),
      ),
    ]),
  ) as SlaDraft["targets"];
  return {
    mode: calendar ? "hours" : "alwaysOpen",
    timeZone: calendar?.timeZone ?? "UTC",
    hours,
    holidays: (calendar?.holidays ?? []).map((date) => ({ id: id++, date })),
    targets,
  };
}

/** The first id the form may hand out to a row it adds. */
export const nextIdAfter = (draft: SlaDraft) =>
  1 +
  Math.max(
    -1,
    ...Object.values(draft.hours).flatMap((day) => day.map((i) => i.id)),
    ...draft.holidays.map((h) => h.id),
  );

/** Dates added to the list (sorted with it); those already there are counted, not repeated. */
export function withHolidays(
  holidays: HolidayDraft[],
  dates: string[],
  nextId: () => number,
): { holidays: HolidayDraft[]; added: number } {
  const listed = new Set(holidays.map((h) => h.date));
  const fresh = [...new Set(dates)].filter((date) => !listed.has(date));
  const merged = [...holidays, ...fresh.map((date) => ({ id: nextId(), date }))];
  // Blank rows (added, not filled in yet) stay at the end.
  merged.sort((a, b) => (a.date || "9999").localeCompare(b.date || "9999"));
  return { holidays: merged, added: fresh.length };
}
