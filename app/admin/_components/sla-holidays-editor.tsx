"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { idleState } from "@/components/idle-state";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { controlClass } from "@/components/ui/control-class";
import { FieldError, fieldProps } from "@/components/ui/field-error";
import { errorProps } from "@/app/admin/_components/sla-hours-editor";
import { withHolidays, type HolidayDraft } from "@/app/admin/_components/sla-draft";
import { importHolidaysAction, type HolidayImportState } from "@/app/admin/sla-actions";
import { HOLIDAYS_FIELD, holidayField } from "@/app/admin/sla-form-fields";

type Errors = Record<string, string[]>;
type ImportShown = HolidayImportState | { status: "merged"; message: string };

interface Props {
  holidays: HolidayDraft[];
  errors: Errors;
  onChange: (holidays: HolidayDraft[]) => void;
  newId: () => number;
}

/**
 * Days off, when no working time counts: typed one by one, or read from an iCalendar file (an
 * exported public-holiday calendar) by the server and added to the list. Nothing is kept until
 * the policy is saved.
 */
export function SlaHolidaysEditor({ holidays, errors, onChange, newId }: Props) {
  const file = useRef<HTMLInputElement>(null);
  // The list as it stands when an import's answer comes back, which may be after edits.
  const listed = useRef(holidays);
  useEffect(() => {
    listed.current = holidays;
  }, [holidays]);
  const [imported, runImport, importing] = useActionState<ImportShown, FormData>(
    async (_previous, form) => {
      const result = await importHolidaysAction(idleState, form);
      if (result.status !== "imported") return result;
      const merged = withHolidays(listed.current, result.holidays, newId);
      onChange(merged.holidays);
      const already = result.holidays.length - merged.added;
      const message = `${result.message} Added ${merged.added}${
        already > 0 ? ` (${already} already listed)` : ""
      }. Save the policy to keep them.`;
      if (file.current) file.current.value = "";
      return { status: "merged", message };
    },
    idleState,
  );
  const importErrors = imported.status === "error" ? imported.fieldErrors : {};

  const add = () => onChange([...holidays, { id: newId(), date: "" }]);
  return (
    <div className="grid gap-3">
      {holidays.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No holidays.</p>
      ) : (
        <ul aria-label="Holidays" className="flex flex-wrap gap-2">
          {holidays.map((holiday, index) => {
            const field = holidayField(index);
            return (
              <li key={holiday.id} className="grid">
                <div className="flex items-center gap-1">
                  <label className="sr-only" htmlFor={field}>
                    Holiday {index + 1}
                  </label>
                  <input
                    id={field}
                    name={field}
                    type="date"
                    value={holiday.date}
                    onChange={(event) =>
                      onChange(
                        holidays.map((h, at) =>
                          at === index ? { ...h, date: event.target.value } : h,
                        ),
                      )
                    }
                    className={cx("w-[10.5rem]", controlClass("compact", "raised"))}
                    {...errorProps(errors, [field])}
                  />
                  <Button
                    type="button"
                    variant="quiet"
                    size="xs"
                    aria-label={`Remove holiday ${holiday.date || index + 1}`}
                    onClick={() => onChange(holidays.filter((_, at) => at !== index))}
                  >
                    ×
                  </Button>
                </div>
                <FieldError name={field} errors={errors} />
              </li>
            );
          })}
        </ul>
      )}
      <FieldError name={HOLIDAYS_FIELD} errors={errors} />
      <div className="flex flex-wrap items-end gap-3">
        <Button type="button" variant="secondary" size="sm" onClick={add}>
          Add a holiday
        </Button>
        <div className="grid min-w-0 gap-1">
          <label htmlFor="holiday-file" className="text-sm font-medium">
            Import from an iCalendar file (.ics)
          </label>
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            <input
              ref={file}
              id="holiday-file"
              type="file"
              accept=".ics,text/calendar"
              className="min-w-0 max-w-full text-sm file:mr-2 file:rounded file:border file:border-slate-400 file:bg-white file:px-2 file:py-1 file:text-sm dark:file:border-slate-500 dark:file:bg-slate-900 dark:file:text-slate-100"
              {...fieldProps("file", importErrors, "holiday-file-error")}
            />
            <Button
              type="button"
              variant="secondary"
              size="sm"
              disabled={importing}
              onClick={() => {
                const form = new FormData();
                const chosen = file.current?.files?.[0];
                if (chosen) form.set("file", chosen);
                startTransition(() => runImport(form));
              }}
            >
              {importing ? "Importing…" : "Import holidays"}
            </Button>
          </div>
          <FieldError name="file" errors={importErrors} id="holiday-file-error" />
        </div>
      </div>
      <p role="status" aria-live="polite" className="text-sm" data-testid="holiday-import">
        {imported.status === "merged" ? (
          <span className="text-emerald-800 dark:text-emerald-300">{imported.message}</span>
        ) : imported.status === "error" && Object.keys(importErrors).length === 0 ? (
          <span className="text-red-700 dark:text-red-400">{imported.message}</span>
        ) : null}
      </p>
    </div>
  );
}
