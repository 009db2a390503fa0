"use client";

import { Panel } from "@/components/ui/panel";
import type { ActionState } from "@/server/http/action-state";
import { FormStatus } from "@/app/tickets/[ticketId]/_components/form-status";
import {
  useWorkspace,
  type PendingField,
} from "@/app/tickets/[ticketId]/_components/workspace-context";
import { textOf, useTicketAction } from "@/app/tickets/[ticketId]/_components/use-ticket-action";
import { choiceButton, heading } from "@/app/tickets/[ticketId]/_components/styles";

type Action = (ticketId: string, previous: ActionState, form: FormData) => Promise<ActionState>;

interface Props {
  field: Extract<PendingField, "status" | "priority">;
  title: string;
  choices: readonly { value: string; label: string }[];
  /** What the page shows. */
  current: string;
  action: Action;
  /** Why no choice can be made right now (shown before anyone tries), or null. */
  lockedBecause: string | null;
  /** For the sync message: "Status changed". */
  savedLabel: string;
}

/**
 * A small set of choices as buttons, one submit each (so Tab and Enter are enough). The choice
 * shown as current is the last one saved from here if the page has not caught up yet.
 */
export function ChoiceForm(props: Props) {
  const { field, title, choices, current, action, lockedBecause, savedLabel } = props;
  const { knownVersion, pending } = useWorkspace();
  const [state, dispatch, saving] = useTicketAction(action, (form) => ({
    [field]: textOf(form, field),
  }));
  const shown = pending(field)?.value ?? current;
  const id = `${field}-form`;

  return (
    <Panel aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`} className={heading}>
        {title}
      </h2>
      <form action={dispatch} className="mt-2 grid gap-2">
        <input type="hidden" name="expectedVersion" value={knownVersion} />
        <fieldset
          disabled={lockedBecause !== null || saving}
          aria-describedby={lockedBecause ? `${id}-locked` : undefined}
        >
          <legend className="sr-only">{title}</legend>
          <div className="flex flex-wrap gap-2">
            {choices.map((choice) => (
              <button
                key={choice.value}
                type="submit"
                name={field}
                value={choice.value}
                aria-pressed={shown === choice.value}
                className={choiceButton}
              >
                {choice.label}
              </button>
            ))}
          </div>
        </fieldset>
        <FormStatus
          lockedId={`${id}-locked`}
          lockedBecause={lockedBecause}
          lockedTestId={`${field}-locked`}
          saving={saving}
          state={state}
          savedLabel={savedLabel}
        />
      </form>
    </Panel>
  );
}
