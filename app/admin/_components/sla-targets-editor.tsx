"use client";

import { cx } from "@/components/ui/class-names";
import { controlClass } from "@/components/ui/control-class";
import { FieldError } from "@/components/ui/field-error";
import { errorProps } from "@/app/admin/_components/sla-hours-editor";
import type { SlaDraft } from "@/app/admin/_components/sla-draft";
import { PRIORITY_ORDER, TARGET_NAMES, TARGETS, targetField } from "@/app/admin/sla-form-fields";
import type { SlaTarget } from "@/server/sla/policy-schema";
import type { Priority } from "@/server/tickets/domain/types";

const PRIORITY_NAMES: Record<Priority, string> = {
  urgent: "Urgent",
  high: "High",
  normal: "Normal",
  low: "Low",
};

/** "1 d 2 h" for a number of working minutes, as a reading aid beside the field. */
function spelled(text: string): string {
  const minutes = Number(text.trim());
  if (!text.trim() || !Number.isInteger(minutes) || minutes < 60) return "";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`]
    .filter(Boolean)
    .join(" ");
}

interface Props {
  targets: SlaDraft["targets"];
  errors: Record<string, string[]>;
  onChange: (priority: Priority, target: SlaTarget, value: string) => void;
}

/** Each priority's three targets, in minutes of working time; an empty field is no target. */
export function SlaTargetsEditor({ targets, errors, onChange }: Props) {
  const cell = "px-2 py-2 align-top";
  return (
    <table className="w-full max-w-2xl table-fixed text-left text-sm">
      <thead className="text-xs text-slate-700 dark:text-slate-300">
        <tr>
          <th scope="col" className={cx(cell, "w-[4.5rem] sm:w-28")}>
            Priority
          </th>
          {TARGETS.map((target) => (
            <th key={target} scope="col" className={cx(cell, "font-medium")}>
              {TARGET_NAMES[target]} <span className="font-normal">(min)</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
        {PRIORITY_ORDER.map((priority) => (
          <tr key={priority} data-priority={priority}>
            <th scope="row" className={cx(cell, "pt-3.5 font-medium")}>
              {PRIORITY_NAMES[priority]}
            </th>
            {TARGETS.map((target) => {
              const field = targetField(priority, target);
              const value = targets[priority][target];
              const hint = spelled(value);
              return (
                <td key={target} className={cell}>
                  <label htmlFor={field} className="sr-only">
                    {PRIORITY_NAMES[priority]}: {TARGET_NAMES[target].toLowerCase()}, minutes
                  </label>
                  <input
                    id={field}
                    name={field}
                    value={value}
                    onChange={(event) => onChange(priority, target, event.target.value)}
                    inputMode="numeric"
                    placeholder="none"
                    autoComplete="off"
                    className={cx("w-full min-w-0", controlClass("compact", "raised"))}
                    {...errorProps(errors, [field])}
                  />
                  {hint ? (
                    <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{hint}</p>
                  ) : null}
                  <FieldError name={field} errors={errors} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
