"use client";

import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { controlClass } from "@/components/ui/control-class";
import { FieldError } from "@/components/ui/field-error";
import type { IntervalDraft, SlaDraft } from "@/app/admin/_components/sla-draft";
import {
  DAY_NAMES,
  DAYS,
  MAX_INTERVALS,
  daysField,
  intervalField,
} from "@/app/admin/sla-form-fields";
import type { Weekday } from "@/server/sla/calendar";

type Errors = Record<string, string[]>;

/** aria-invalid and aria-describedby for a control whose errors stand under several names. */
export function errorProps(errors: Errors, names: string[]) {
  const ids = names.filter((name) => (errors[name]?.length ?? 0) > 0).map((n) => `${n}-error`);
  return {
    "aria-invalid": ids.length > 0 || undefined,
    "aria-describedby": ids.length > 0 ? ids.join(" ") : undefined,
  };
}

const timeInput = cx("w-[4.5rem] font-mono", controlClass("compact", "raised"));

interface Props {
  hours: SlaDraft["hours"];
  errors: Errors;
  onChange: (day: Weekday, intervals: IntervalDraft[]) => void;
  newId: () => number;
}

/**
 * The working week: any number of intervals a day (up to the server's bound), each from a start
 * to an end in the calendar's time zone. A shift past midnight is two intervals: until 24:00,
 * and from 00:00 the next day.
 */
export function SlaHoursEditor({ hours, errors, onChange, newId }: Props) {
  const copyMonday = () => {
    for (const day of ["tue", "wed", "thu", "fri"] as const) {
      onChange(
        day,
        hours.mon.map((i) => ({ ...i, id: newId() })),
      );
    }
  };
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Times are HH:MM in the calendar&apos;s time zone. A night shift is two intervals: until{" "}
          <code>24:00</code>, then from <code>00:00</code> the next day.
        </p>
        <Button type="button" variant="quiet" size="xs" onClick={copyMonday}>
          Copy Monday to Tuesday–Friday
        </Button>
      </div>
      <div className="divide-y divide-slate-200 rounded border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {DAYS.map((day) => (
          <DayRow
            key={day}
            day={day}
            intervals={hours[day]}
            errors={errors}
            onChange={(intervals) => onChange(day, intervals)}
            newId={newId}
          />
        ))}
      </div>
    </div>
  );
}

function DayRow({
  day,
  intervals,
  errors,
  onChange,
  newId,
}: {
  day: Weekday;
  intervals: IntervalDraft[];
  errors: Errors;
  onChange: (intervals: IntervalDraft[]) => void;
  newId: () => number;
}) {
  const name = DAY_NAMES[day];
  const set = (index: number, change: Partial<IntervalDraft>) =>
    onChange(intervals.map((i, at) => (at === index ? { ...i, ...change } : i)));
  const add = () =>
    onChange([
      ...intervals,
      // A day's first interval is a working day; a further one is the lead's to fill in.
      intervals.length > 0
        ? { id: newId(), start: "", end: "" }
        : { id: newId(), start: "09:00", end: "17:00" },
    ]);
  return (
    <fieldset
      className="grid gap-2 p-3 sm:grid-cols-[7rem_minmax(0,1fr)] sm:items-start"
      data-day={day}
      {...errorProps(errors, [daysField(day)])}
    >
      <legend className="sr-only">{name}</legend>
      <span aria-hidden="true" className="pt-1.5 text-sm font-medium">
        {name}
      </span>
      <div className="flex flex-wrap items-start gap-x-5 gap-y-2">
        {intervals.length === 0 ? (
          <p className="pt-1.5 text-sm text-slate-600 dark:text-slate-400">Closed</p>
        ) : null}
        {intervals.map((interval, index) => {
          const field = intervalField(day, index);
          const which = `${name}, interval ${index + 1}`;
          return (
            <div key={interval.id} data-interval={index} className="max-w-[15rem]">
              <div className="flex items-center gap-1.5">
                <label className="sr-only" htmlFor={`${field}.0`}>
                  {which}: from
                </label>
                <input
                  id={`${field}.0`}
                  name={`${field}.0`}
                  value={interval.start}
                  onChange={(event) => set(index, { start: event.target.value })}
                  inputMode="numeric"
                  maxLength={5}
                  placeholder="09:00"
                  autoComplete="off"
                  className={timeInput}
                  {...errorProps(errors, [`${field}.0`, field])}
                />
                <span aria-hidden="true">–</span>
                <label className="sr-only" htmlFor={`${field}.1`}>
                  {which}: until
                </label>
                <input
                  id={`${field}.1`}
                  name={`${field}.1`}
                  value={interval.end}
                  onChange={(event) => set(index, { end: event.target.value })}
                  inputMode="numeric"
                  maxLength={5}
                  placeholder="17:00"
                  autoComplete="off"
                  className={timeInput}
                  {...errorProps(errors, [`${field}.1`, field])}
                />
                <Button
                  type="button"
                  variant="quiet"
                  size="xs"
                  aria-label={`Remove ${which}`}
                  onClick={() => onChange(intervals.filter((_, at) => at !== index))}
                >
                  <span aria-hidden="true">×</span>
                </Button>
              </div>
              <FieldError name={`${field}.0`} errors={errors} />
              <FieldError name={`${field}.1`} errors={errors} />
              <FieldError name={field} errors={errors} />
            </div>
          );
        })}
        <div className="pt-0.5">
          <Button
            type="button"
            variant="quiet"
            size="xs"
            disabled={intervals.length >= MAX_INTERVALS}
            onClick={add}
          >
            Add interval<span className="sr-only"> on {name}</span>
          </Button>
        </div>
      </div>
      <div className="sm:col-start-2">
        <FieldError name={daysField(day)} errors={errors} />
      </div>
    </fieldset>
  );
}
