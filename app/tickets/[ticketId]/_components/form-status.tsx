"use client";

import type { ActionState } from "@/server/http/action-state";
import { FormFeedback } from "@/app/tickets/[ticketId]/_components/form-feedback";
import { hint } from "@/app/tickets/[ticketId]/_components/styles";

interface Props {
  /** The id the form's fieldset is described by while it is locked. */
  lockedId: string;
  /** Why the form cannot be used right now, or null. */
  lockedBecause: string | null;
  lockedTestId?: string;
  saving: boolean;
  state: ActionState;
  /** For the sync message: "Status changed". */
  savedLabel: string;
}

/** Below a ticket form: why it is locked, "Saving…" while it is, then how the write went. */
export function FormStatus({
  lockedId,
  lockedBecause,
  lockedTestId,
  saving,
  state,
  savedLabel,
}: Props) {
  return (
    <>
      {lockedBecause ? (
        <p id={lockedId} className={hint} data-testid={lockedTestId}>
          {lockedBecause}
        </p>
      ) : null}
      <div aria-live="polite" className="text-sm">
        {saving ? "Saving…" : null}
      </div>
      <FormFeedback state={state} label={savedLabel} />
    </>
  );
}
