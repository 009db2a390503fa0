import "server-only";
import type { z } from "zod";
import { actorOf } from "@/server/auth/types";
import type { Actor } from "@/server/tickets/domain/types";
import { actionPrincipal } from "@/server/http/authorized-action";
import { reportDatabaseOutcome } from "@/server/db/client";
import { isDatabaseUnavailable } from "@/server/http/problem";
import { fieldErrorsOf } from "@/server/http/validation";
import {
  systemContext,
  type CommandOptions,
  type CommandResult,
} from "@/server/tickets/commands/command-options";
import { DomainError, ValidationError } from "@/server/tickets/domain/errors";
import type { ActionState } from "@/server/http/action-state";

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  }
  return values;
}

/**
 * Wraps every form server action: authorize the signed-in person, parse the form with the
 * command's schema, run the command, and map domain errors to messages beside the fields.
 * Nothing else in an action, so none can skip authorization or validation.
 */
export function formAction<S extends z.ZodType>(
  schema: S,
  toInput: (values: Record<string, string>, actor: Actor) => unknown,
  run: (input: z.infer<S>, options: CommandOptions) => Promise<CommandResult>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    // Outside the try: a missing session or role ends the request as 401/403.
    const actor = actorOf(await actionPrincipal("write"));
    const values = formValues(formData);
    const parsed = schema.safeParse(toInput(values, actor));
    if (!parsed.success) {
      return {
        status: "error",
        kind: "validation",
        message: "Please correct the highlighted fields.",
        fieldErrors: fieldErrorsOf(parsed.error),
        values,
      };
    }
    try {
      const ctx = systemContext(actor);
      const result = await run(parsed.data, { ctx });
      reportDatabaseOutcome(true);
      return { status: "saved", ...result, savedAt: ctx.now.toISOString() };
    } catch (error) {
      if (error instanceof DomainError) {
        const fieldErrors = error instanceof ValidationError ? error.fieldErrors : {};
        return { status: "error", kind: error.kind, message: error.message, fieldErrors, values };
      }
      if (isDatabaseUnavailable(error)) {
        reportDatabaseOutcome(false);
        return {
          status: "error",
          kind: "unavailable",
          message:
            "The database cannot be reached right now, so this may not have been saved. Please try again in a moment.",
          fieldErrors: {},
          values,
        };
      }
      console.error(error);
      return {
        status: "error",
        kind: "internal",
        message: "Something went wrong on our side. Please try again.",
        fieldErrors: {},
        values,
      };
    }
  };
}
