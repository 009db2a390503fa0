// Type-only, with no imports and no "server-only": the server actions return these shapes and the
// client components that show them import the types from here.

/** Why a server action refused: a rule of the domain, bad input, or a failure on our side. */
type ActionErrorKind =
  | "validation"
  | "not-found"
  | "invalid-transition"
  | "version-conflict"
  | "idempotency-mismatch"
  | "conflict"
  | "unavailable"
  | "internal";

/** A refused server action: a message for the form, and messages beside its fields. */
export interface ActionFailure {
  status: "error";
  kind: ActionErrorKind;
  message: string;
  fieldErrors: Record<string, string[]>;
  /** What the user typed, so a refused form keeps it. */
  values: Record<string, string>;
}

/** A form's state before its first submission. */
export interface ActionIdle {
  status: "idle";
}

/** What a server action returns: its own outcome, or why it was refused. */
export type ActionResult<Outcome extends { status: string }> = Outcome | ActionFailure;

/** A ticket command that was saved: the write's consistency token for reads. */
export interface CommandSaved {
  status: "saved";
  ticketId: string;
  version: number;
  savedAt: string;
}

/** What a ticket form shows: nothing yet, the write's consistency token, or why it was refused. */
export type ActionState = ActionIdle | ActionResult<CommandSaved>;
