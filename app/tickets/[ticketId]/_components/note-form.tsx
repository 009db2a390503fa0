"use client";

import { FieldError, fieldProps } from "@/components/field-error";
import { addNoteAction } from "@/app/tickets/[ticketId]/actions";
import { FormFeedback } from "@/app/tickets/[ticketId]/_components/form-feedback";
import { useWorkspace } from "@/app/tickets/[ticketId]/_components/workspace-context";
import { useTicketAction } from "@/app/tickets/[ticketId]/_components/use-ticket-action";
import {
  heading,
  hint,
  input,
  panel,
  primaryButton,
} from "@/app/tickets/[ticketId]/_components/styles";

/** Adds a note; allowed on closed tickets too (follow-ups after the resolution). */
export function NoteForm() {
  const { knownVersion } = useWorkspace();
  const [state, dispatch, saving] = useTicketAction(addNoteAction);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const typed = state.status === "error" ? (state.values.body ?? "") : "";

  return (
    <section aria-labelledby="note-heading" className={panel} data-testid="note-form">
      <h2 id="note-heading" className={heading}>
        Add a note
      </h2>
      <form action={dispatch} className="mt-2 grid gap-2" noValidate>
        <input type="hidden" name="expectedVersion" value={knownVersion} />
        <div>
          <label htmlFor="body" className="text-sm font-medium">
            Note
          </label>
          <textarea
            id="body"
            name="body"
            rows={4}
            maxLength={5_000}
            defaultValue={typed}
            className={input}
            {...fieldProps("body", errors)}
          />
          <FieldError name="body" errors={errors} />
          <p className={`mt-1 ${hint}`}>Visible to agents only. Up to 5,000 characters.</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={saving} className={primaryButton}>
            {saving ? "Adding…" : "Add note"}
          </button>
        </div>
        <FormFeedback state={state} label="Note added" />
      </form>
    </section>
  );
}
