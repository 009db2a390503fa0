"use client";

import { FieldError, fieldProps } from "@/components/field-error";
import { assignAgentAction } from "@/app/tickets/[ticketId]/actions";
import { FormFeedback } from "@/app/tickets/[ticketId]/_components/form-feedback";
import { useWorkspace } from "@/app/tickets/[ticketId]/_components/workspace-context";
import { textOf, useTicketAction } from "@/app/tickets/[ticketId]/_components/use-ticket-action";
import {
  heading,
  hint,
  input,
  panel,
  primaryButton,
  secondaryButton,
} from "@/app/tickets/[ticketId]/_components/styles";

interface Props {
  assignee: string | null;
  agents: string[];
  lockedBecause: string | null;
}

/** Assign by name (with known agents suggested), to oneself, or unassign. */
export function AssignForm({ assignee, agents, lockedBecause }: Props) {
  const { knownVersion, pending, me } = useWorkspace();
  const [state, dispatch, saving] = useTicketAction(assignAgentAction, (form) => {
    const intent = form.get("intent");
    if (intent === "unassign") return { assignee: null };
    if (intent === "me") return { assignee: me };
    return { assignee: textOf(form, "assignee").trim() };
  });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const typed = state.status === "error" ? (state.values.assignee ?? "") : "";
  const saved = pending("assignee");
  const shown = saved ? saved.value : assignee;

  return (
    <section aria-labelledby="assign-heading" className={panel} data-testid="assign-form">
      <h2 id="assign-heading" className={heading}>
        Assignee
      </h2>
      <form action={dispatch} className="mt-2 grid gap-2">
        <input type="hidden" name="expectedVersion" value={knownVersion} />
        <fieldset
          disabled={lockedBecause !== null || saving}
          aria-describedby={lockedBecause ? "assign-locked" : undefined}
          className="grid gap-2"
        >
          <legend className="sr-only">Assign this ticket</legend>
          <div>
            <label htmlFor="assignee" className="text-sm font-medium">
              Agent name
            </label>
            <input
              id="assignee"
              name="assignee"
              list="agent-names"
              autoComplete="off"
              maxLength={100}
              defaultValue={typed}
              className={input}
              {...fieldProps("assignee", errors)}
            />
            <datalist id="agent-names">
              {agents.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            <FieldError name="assignee" errors={errors} />
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="submit" name="intent" value="name" className={primaryButton}>
              Assign
            </button>
            <button
              type="submit"
              name="intent"
              value="me"
              disabled={shown === me}
              className={secondaryButton}
            >
              Assign to me
            </button>
            <button
              type="submit"
              name="intent"
              value="unassign"
              disabled={shown === null}
              className={secondaryButton}
            >
              Unassign
            </button>
          </div>
        </fieldset>
        {lockedBecause ? (
          <p id="assign-locked" className={hint}>
            {lockedBecause}
          </p>
        ) : null}
        <div aria-live="polite" className="text-sm">
          {saving ? "Saving…" : null}
        </div>
        <FormFeedback state={state} label="Assignee changed" />
      </form>
    </section>
  );
}
