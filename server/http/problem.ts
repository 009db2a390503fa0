import "server-only";
import { AuthError } from "@/server/auth/access";
import { isTransientDatabaseError } from "@/server/db/errors";
import { TicketContendedError } from "@/server/tickets/commands/contention";
import {
  ConflictError,
  DomainError,
  ValidationError,
  type FieldErrors,
} from "@/server/tickets/domain/errors";

const TYPE_BASE = "https://support-desk.example/problems";

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldErrors;
  [extra: string]: unknown;
}

export function problem(
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const body: Problem = { type: `${TYPE_BASE}/${slug}`, title, status, detail, ...extra };
  return Response.json(body, {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

/** A refusal at the HTTP level (body too large, not JSON…), before any command runs. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldErrors,
  ) {
    super(detail);
  }
}

export const isDatabaseUnavailable = isTransientDatabaseError;

/** Domain errors and infrastructure failures → problem responses, in one place. */
export function problemFor(error: unknown): Response {
  if (error instanceof AuthError) {
    return error.status === 401
      ? problem(
          401,
          "unauthorized",
          "Unauthorized",
          error.message,
          {},
          {
            "www-authenticate": 'Bearer realm="support-desk"',
          },
        )
      : problem(403, "forbidden", "Forbidden", error.message);
  }
  if (error instanceof ApiError) {
    return problem(
      error.status,
      error.slug,
      error.title,
      error.message,
      error.errors ? { errors: error.errors } : {},
    );
  }
  if (error instanceof DomainError) {
    switch (error.kind) {
      case "validation":
        return problem(400, "validation", "Invalid request", error.message, {
          errors: error instanceof ValidationError ? error.fieldErrors : {},
        });
      case "not-found":
        return problem(404, "not-found", "Not found", error.message);
      case "invalid-transition":
        return problem(409, "invalid-transition", "Not allowed for this ticket", error.message);
      case "version-conflict":
        return problem(409, "version-conflict", "Version conflict", error.message);
      case "conflict":
        return problem(409, "conflict", "Conflict", error.message, {
          errors: error instanceof ConflictError ? error.fieldErrors : {},
        });
      case "idempotency-mismatch":
        return problem(422, "idempotency-key-reused", "Idempotency key reused", error.message);
      default: {
        const unreachable: never = error.kind;
        throw new Error(`unmapped domain error ${String(unreachable)}`);
      }
    }
  }
  if (error instanceof TicketContendedError) {
    return problem(
      503,
      "contended",
      "Ticket busy",
      `${error.message} Send the same Idempotency-Key so a retried write is applied once.`,
      {},
      { "retry-after": "1" },
    );
  }
  if (isDatabaseUnavailable(error)) {
    return problem(
      503,
      "unavailable",
      "Service unavailable",
      "The database cannot be reached right now. Retry shortly; send the same Idempotency-Key so a retried write is applied once.",
      {},
      { "retry-after": "2" },
    );
  }
  console.error(error);
  return problem(500, "internal", "Internal error", "Something went wrong on our side.");
}
