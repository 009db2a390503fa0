import "server-only";
import type { z } from "zod";
import type { ActionFailure } from "@/server/http/action-state";
import { serverAction, type ActionSpec } from "@/server/http/server-action";

/** A form's text fields by name. */
export type FormValues = Record<string, string>;

// React's own fields (`$ACTION_…`) are not the form's.
function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  }
  return values;
}

/**
 * `serverAction` for a `<form action>` under `useActionState`: takes (previous state, form data),
 * the form's text fields are the raw input, and a refused form gets them back unless `echo`
 * says otherwise.
 */
export function formAction<Schema extends z.ZodType, Outcome extends { status: string }>(
  spec: ActionSpec<FormValues, Schema, Outcome>,
): (previous: unknown, formData: FormData) => Promise<Outcome | ActionFailure> {
  const action = serverAction({ ...spec, echo: spec.echo ?? ((values: FormValues) => values) });
  return (_previous, formData) => action(formValues(formData));
}
