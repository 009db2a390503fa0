"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { assignAgentAction } from "@/app/tickets/[ticketId]/actions";
import { FormStatus } from "@/app/tickets/[ticketId]/_components/form-status";
import { useWorkspace } from "@/app/tickets/[ticketId]/_components/workspace-context";
import { textOf, useTicketAction } from "@/app/tickets/[ticketId]/_components/use-ticket-action";
import { heading } from "@/app/tickets/[ticketId]/_components/styles";

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
  const intents = [
    { value: "me", label: "Assign to me", disabled: shown === me },
    { value: "unassign", label: "Unassign", disabled: shown === null },
  ];

  return (
    <Panel aria-labelledby="assign-heading" data-testid="assign-form">
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
          <Field
            id="assignee"
            name="assignee"
            label="Agent name"
            list="agent-names"
            autoComplete="off"
            maxLength={100}
            defaultValue={typed}
            errors={errors}
            after={
              <datalist id="agent-names">
                {agents.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            }
          />
          <div className="flex flex-wrap gap-2">
            <Button
              type="submit"
              name="intent"
              value="name"
              size="md"
              className="disabled:cursor-not-allowed"
            >
              Assign
            </Button>
            {intents.map(({ value, label, disabled }) => (
              <Button
                key={value}
                type="submit"
                name="intent"
                value={value}
                disabled={disabled}
                variant="secondary"
                size="md"
              >
                {label}
              </Button>
            ))}
          </div>
        </fieldset>
        <FormStatus
          lockedId="assign-locked"
          lockedBecause={lockedBecause}
          saving={saving}
          state={state}
          savedLabel="Assignee changed"
        />
      </form>
    </Panel>
  );
}
