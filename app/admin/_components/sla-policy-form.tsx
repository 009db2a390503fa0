"use client";

import { startTransition, useActionState, useRef, useState } from "react";
import { idleState } from "@/components/idle-state";
import type { SlaPolicyStatus } from "@/components/sla-policy-status";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { draftOf, nextIdAfter, type SlaDraft } from "@/app/admin/_components/sla-draft";
import { SlaHolidaysEditor } from "@/app/admin/_components/sla-holidays-editor";
import { SlaHoursEditor } from "@/app/admin/_components/sla-hours-editor";
import { SlaRecomputeStatus } from "@/app/admin/_components/sla-recompute-status";
import { SlaTargetsEditor } from "@/app/admin/_components/sla-targets-editor";
import { saveSlaPolicyAction, type SlaSaveState } from "@/app/admin/sla-actions";
import { MODE_FIELD, TIME_ZONE_FIELD } from "@/app/admin/sla-form-fields";
import type { SlaPolicyInput } from "@/server/sla/policy-schema";

/** Errors no single field stands for: said under the form. */
const GENERAL = new Set(["body", "calendar", "calendar.alwaysOpen", "calendar.hours", "targets"]);

const radio = "size-4 accent-blue-700";

/**
 * The whole policy in one form, saved as a new version: when the clocks run (always, or working
 * hours in a time zone with holidays), and each priority's targets. Every field is controlled,
 * so a refused save keeps what was typed, with each message beside its field.
 */
export function SlaPolicyForm({
  policy,
  status,
  timeZones,
}: {
  policy: Pick<SlaPolicyInput, "calendar" | "targets">;
  status: SlaPolicyStatus;
  timeZones: string[];
}) {
  const [draft, setDraft] = useState<SlaDraft>(() => draftOf(policy));
  const nextId = useRef<number | null>(null);
  const newId = () => {
    nextId.current ??= nextIdAfter(draft);
    return nextId.current++;
  };
  const [state, save, saving] = useActionState<SlaSaveState, FormData>(
    saveSlaPolicyAction,
    idleState,
  );
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  // What was known when the lead pressed Save: a saved version is watched from there, so its
  // recompute shows as running until GET /api/sla itself says it is done.
  const [beforeSave, setBeforeSave] = useState(status);
  if (state.status === "saved" && state.version !== savedVersion) setSavedVersion(state.version);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const general = Object.entries(errors).filter(([field]) => GENERAL.has(field));
  const change = (update: (draft: SlaDraft) => SlaDraft) => setDraft((d) => update(d));

  return (
    <div className="grid gap-4">
      <form
        aria-label="SLA policy"
        noValidate
        className="grid gap-6"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setBeforeSave(status);
          startTransition(() => save(form));
        }}
      >
        <Panel aria-labelledby="sla-calendar">
          <h2 id="sla-calendar" className="text-lg font-semibold">
            Working time
          </h2>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            Only working time counts toward a target: a ticket that comes in on Friday evening
            starts its clock on Monday morning.
          </p>
          <fieldset className="mt-3">
            <legend className="text-sm font-medium">When the clocks run</legend>
            <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
              {(
                [
                  ["alwaysOpen", "Always (24/7)"],
                  ["hours", "Working hours in a time zone"],
                ] as const
              ).map(([mode, label]) => (
                <label key={mode} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name={MODE_FIELD}
                    value={mode}
                    checked={draft.mode === mode}
                    onChange={() => change((d) => ({ ...d, mode }))}
                    className={radio}
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          {draft.mode === "hours" ? (
            <div className="mt-4 grid gap-5">
              <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
                <Field
                  id="sla-time-zone"
                  name={TIME_ZONE_FIELD}
                  label="Time zone"
                  list="sla-time-zones"
                  autoComplete="off"
                  spellCheck={false}
                  value={draft.timeZone}
                  onChange={(event) => change((d) => ({ ...d, timeZone: event.target.value }))}
                  errors={errors}
                  errorId={`${TIME_ZONE_FIELD}-error`}
                  tone="raised"
                  className="w-full max-w-xs"
                  after={
                    <datalist id="sla-time-zones">
                      {timeZones.map((zone) => (
                        <option key={zone} value={zone} />
                      ))}
                    </datalist>
                  }
                />
                <Button
                  type="button"
                  variant="quiet"
                  size="sm"
                  className="sm:mt-6"
                  onClick={() =>
                    change((d) => ({
                      ...d,
                      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
                    }))
                  }
                >
                  Use this browser&apos;s
                </Button>
              </div>
              <section aria-labelledby="sla-week">
                <h3 id="sla-week" className="mb-2 text-base font-semibold">
                  Weekly hours
                </h3>
                <SlaHoursEditor
                  hours={draft.hours}
                  errors={errors}
                  newId={newId}
                  onChange={(day, intervals) =>
                    change((d) => ({ ...d, hours: { ...d.hours, [day]: intervals } }))
                  }
                />
              </section>
              <section aria-labelledby="sla-holidays">
                <h3 id="sla-holidays" className="mb-2 text-base font-semibold">
                  Holidays
                </h3>
                <SlaHolidaysEditor
                  holidays={draft.holidays}
                  errors={errors}
                  newId={newId}
                  onChange={(holidays) => change((d) => ({ ...d, holidays }))}
                />
              </section>
            </div>
          ) : null}
        </Panel>

        <Panel aria-labelledby="sla-targets">
          <h2 id="sla-targets" className="text-lg font-semibold">
            Targets
          </h2>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            Minutes of working time. <strong>First response</strong>: from creation to the first
            public reply. <strong>Next response</strong>: from each customer message to the next
            reply. <strong>Resolution</strong>: from creation to closed; it pauses while the ticket
            waits for the customer. Leave a field empty for no target.
          </p>
          <div className="mt-3">
            <SlaTargetsEditor
              targets={draft.targets}
              errors={errors}
              onChange={(priority, target, value) =>
                change((d) => ({
                  ...d,
                  targets: {
                    ...d.targets,
                    [priority]: { ...d.targets[priority], [target]: value },
                  },
                }))
              }
            />
          </div>
        </Panel>

        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={saving}>
            {saving ? "Saving…" : "Save policy"}
          </Button>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Saving makes a new version and recomputes the clocks of every open ticket.
          </p>
        </div>
        <div role="status" aria-live="polite" className="text-sm" data-testid="sla-save-error">
          {state.status === "error" ? (
            <div className="text-red-700 dark:text-red-400">
              <p>{state.message}</p>
              {general.length > 0 ? (
                <ul className="mt-1 list-disc pl-5">
                  {general.flatMap(([field, messages]) =>
                    messages.map((message) => <li key={`${field}:${message}`}>{message}</li>),
                  )}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      </form>
      <SlaRecomputeStatus
        key={savedVersion ?? "page"}
        initial={savedVersion === null ? status : beforeSave}
        savedVersion={savedVersion}
      />
    </div>
  );
}
