"use client";

import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { TextAreaField } from "@/components/ui/text-area-field";
import { addNoteAction } from "@/app/tickets/[ticketId]/actions";
import { FormFeedback } from "@/app/tickets/[ticketId]/_components/form-feedback";
import { useWorkspace } from "@/app/tickets/[ticketId]/_components/workspace-context";
import { useTicketAction } from "@/app/tickets/[ticketId]/_components/use-ticket-action";
import { heading, hint } from "@/app/tickets/[ticketId]/_components/styles";

/** Adds a note; allowed on closed tickets too (follow-ups after the resolution). */
export function NoteForm() {
  const { knownVersion } = useWorkspace();
  const [state, dispatch, saving] = useTicketAction(addNoteAction);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const typed = state.status === "error" ? (state.values.body ?? "") : "";

  return (
    <Panel aria-labelledby="note-heading" data-testid="note-form">
      <h2 id="note-heading" className={heading}>
        Add a note
      </h2>
      <form action={dispatch} className="mt-2 grid gap-2" noValidate>
        <input type="hidden" name="expectedVersion" value={knownVersion} />
        <TextAreaField
          id="body"
          name="body"
          label="Note"
          rows={4}
          maxLength={5_000}
          defaultValue={typed}
          errors={errors}
          after={<p className={`mt-1 ${hint}`}>Visible to agents only. Up to 5,000 characters.</p>}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={saving} size="md" className="disabled:cursor-not-allowed">
            {saving ? "Adding…" : "Add note"}
          </Button>
        </div>
        <FormFeedback state={state} label="Note added" />
      </form>
    </Panel>
  );
}
