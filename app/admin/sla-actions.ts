"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionIdle, ActionResult } from "@/server/http/action-state";
import { formAction } from "@/server/http/form-action";
import { serverAction } from "@/server/http/server-action";
import { parseHolidaysFromICalendar } from "@/server/sla/icalendar";
import { putSlaPolicy } from "@/server/sla/policy-view";
import { slaPolicyInput } from "@/server/sla/policy-schema";
import { ValidationError } from "@/server/tickets/domain/errors";
import { policyFromForm } from "@/app/admin/sla-form-fields";

/** After a save: the version it made, which the page then watches being applied. */
export type SlaSaveState = ActionIdle | ActionResult<{ status: "saved"; version: number }>;

/** After an import: the holidays found, which the form adds to its list (not saved yet). */
export type HolidayImportState =
  ActionIdle | ActionResult<{ status: "imported"; holidays: string[]; message: string }>;

const PAGE = "/admin/sla";
/** An exported public-holiday calendar is a few kB; this leaves room for many years of them. */
const MAX_ICS_BYTES = 1_000_000;

// Leads keep the policy in the browser ("admin", like the other pages under /admin); write
// tokens use PUT /api/sla.
const save = formAction({
  access: "admin",
  schema: slaPolicyInput,
  input: policyFromForm,
  run: async (policy, { actor }) => {
    const saved = await putSlaPolicy(policy, actor);
    revalidatePath(PAGE);
    return { status: "saved" as const, version: saved.version };
  },
});

const icsFile = z
  .instanceof(File, { error: "Choose an iCalendar file (.ics) to import." })
  .refine((file) => file.size > 0, { error: "The file is empty." })
  .refine((file) => file.size <= MAX_ICS_BYTES, {
    error: "The file is larger than 1 MB; an iCalendar of holidays is a few kB.",
  });

const importHolidays = serverAction({
  access: "admin",
  schema: z.object({ file: icsFile }),
  input: (form: unknown) => ({ file: form instanceof FormData ? form.get("file") : null }),
  invalidMessage: "No holidays were imported.",
  run: async ({ file }) => {
    let holidays: string[];
    try {
      holidays = parseHolidaysFromICalendar(await file.text());
    } catch (error) {
      const message = error instanceof Error ? error.message : "Not an iCalendar file.";
      throw new ValidationError("No holidays were imported.", { file: [message] });
    }
    const found = holidays.length === 1 ? "1 date" : `${holidays.length} dates`;
    return {
      status: "imported" as const,
      holidays,
      message: `Found ${found} in ${file.name}.`,
    };
  },
});

/** Saves the whole policy as a new version; the clocks are then recomputed in the background. */
export async function saveSlaPolicyAction(previous: SlaSaveState, form: FormData) {
  return save(previous, form);
}

/** Reads the holidays of an uploaded iCalendar file; nothing is saved until the policy is. */
export async function importHolidaysAction(_previous: HolidayImportState, form: FormData) {
  return importHolidays(form);
}
