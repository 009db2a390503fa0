/** Field name → messages, the shape forms and problem responses both use. */
export type FieldErrors = Record<string, string[]>;

/** A rule said no. Carries no HTTP or UI knowledge; adapters map `kind` to their own terms. */
export abstract class DomainError extends Error {
  abstract readonly kind:
    | "validation"
    | "not-found"
    | "invalid-transition"
    | "version-conflict"
    | "idempotency-mismatch"
    | "conflict";
}

export class ValidationError extends DomainError {
  readonly kind = "validation";
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

/** Valid input that clashes with what is stored (a name already taken, a full set). */
export class ConflictError extends DomainError {
  readonly kind = "conflict";
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

export class TicketNotFoundError extends DomainError {
  readonly kind = "not-found";
  constructor(readonly ticketId: string) {
    super(`Ticket ${ticketId} was not found.`);
  }
}

export class InvalidTransitionError extends DomainError {
  readonly kind = "invalid-transition";
}

export class VersionConflictError extends DomainError {
  readonly kind = "version-conflict";
  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `The ticket was changed by someone else: you had version ${expectedVersion}, it is now at version ${currentVersion}.`,
    );
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly kind = "idempotency-mismatch";
  constructor() {
    super("This Idempotency-Key was already used for a different request.");
  }
}
