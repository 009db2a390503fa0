import type { z } from "zod";
import type { FieldErrors } from "@/server/tickets/domain/errors";

/** Zod issues → one list of messages per field; unknown fields are named, not dropped. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) (errors[key] ??= []).push(`${key} is not a known field.`);
      continue;
    }
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "body";
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}
