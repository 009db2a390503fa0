import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Access } from "@/server/auth/access";
import { actorOf, type UserPrincipal } from "@/server/auth/types";
import { reportDatabaseOutcome } from "@/server/db/client";
import type { ActionFailure } from "@/server/http/action-state";
import { actionPrincipal } from "@/server/http/authorized-action";
import { isDatabaseUnavailable } from "@/server/http/problem";
import { TicketContendedError } from "@/server/tickets/commands/contention";
import { fieldErrorsOf } from "@/server/http/validation";
import { ConflictError, DomainError, ValidationError } from "@/server/tickets/domain/errors";
import type { Actor } from "@/server/tickets/domain/types";

/** Who called an action: the signed-in person, and the actor their writes are recorded as. */
interface ActionCaller {
  principal: UserPrincipal;
  actor: Actor;
}

export interface ActionSpec<Raw, Schema extends z.ZodType, Outcome> {
  /** Who may call it: anyone else ends the request with 401 (no session) or 403 (role). */
  access: Exclude<Access, "public">;
  schema: Schema;
  /** The raw arguments as the schema takes them; the raw arguments themselves by default. */
  input?: (raw: Raw, caller: ActionCaller) => unknown;
  /** Refused input's message; the messages per field stand beside it. */
  invalidMessage?: string;
  /** What a refused form is given back so nothing typed is lost; nothing by default. */
  echo?: (raw: Raw) => Record<string, string>;
  /** The action itself, on valid input. */
  run: (input: z.output<Schema>, caller: ActionCaller, raw: Raw) => Promise<Outcome>;
}

const UNAVAILABLE =
  "The database cannot be reached right now, so this may not have been saved. Please try again in a moment.";
const INTERNAL = "Something went wrong on our side. Please try again.";

/**
 * Wraps every server action: authorize the signed-in person, parse the input with the action's
 * schema, run the body, and map every error to a message the form shows inline, the same way
 * for every action. Nothing else in an action, so none can skip authorization or validation.
 */
export function serverAction<Raw, Schema extends z.ZodType, Outcome extends { status: string }>(
  spec: ActionSpec<Raw, Schema, Outcome>,
): (raw: Raw) => Promise<Outcome | ActionFailure> {
  return async (raw) => {
    // Outside the try: a missing session or role ends the request as 401/403.
    const principal = await actionPrincipal(spec.access);
    const caller = { principal, actor: actorOf(principal) };
    const values = spec.echo?.(raw) ?? {};
    try {
      const parsed = spec.schema.safeParse(spec.input ? spec.input(raw, caller) : raw);
      if (!parsed.success) {
        return {
          status: "error",
          kind: "validation",
          message: spec.invalidMessage ?? "Please correct the highlighted fields.",
          fieldErrors: fieldErrorsOf(parsed.error),
          values,
        };
      }
      const outcome = await spec.run(parsed.data, caller, raw);
      reportDatabaseOutcome(true);
      return outcome;
    } catch (error) {
      // A redirect, notFound() or the like from the body is Next.js's, not a failure.
      unstable_rethrow(error);
      reportDatabaseOutcome(!isDatabaseUnavailable(error));
      return failureOf(error, values);
    }
  };
}

function failureOf(error: unknown, values: Record<string, string>): ActionFailure {
  if (error instanceof DomainError) {
    const fieldErrors =
      error instanceof ValidationError || error instanceof ConflictError ? error.fieldErrors : {};
    return { status: "error", kind: error.kind, message: error.message, fieldErrors, values };
  }
  if (error instanceof TicketContendedError) {
    const message =
      "Many changes are being made to this ticket right now; nothing was saved. Please try again.";
    return { status: "error", kind: "unavailable", message, fieldErrors: {}, values };
  }
  if (isDatabaseUnavailable(error)) {
    return { status: "error", kind: "unavailable", message: UNAVAILABLE, fieldErrors: {}, values };
  }
  console.error(error);
  return { status: "error", kind: "internal", message: INTERNAL, fieldErrors: {}, values };
}
