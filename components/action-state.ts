/** What a form server action returns: the write's consistency token, or why it was refused. */
export type ActionState =
  | { status: "idle" }
  | { status: "saved"; ticketId: string; version: number; savedAt: string }
  | {
      status: "error";
      kind:
        | "validation"
        | "not-found"
        | "invalid-transition"
        | "version-conflict"
        | "idempotency-mismatch"
        | "unavailable"
        | "internal";
      message: string;
      fieldErrors: Record<string, string[]>;
      /** What the user typed, so a refused form keeps it. */
      values: Record<string, string>;
    };

export const idleState: ActionState = { status: "idle" };
