"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { SuggestionList } from "@/components/ui/suggestion-list";
import type { Person } from "@/server/people/directory";
import { assignAgentAction } from "@/app/tickets/[ticketId]/actions";
import { FormStatus } from "@/app/tickets/[ticketId]/_components/form-status";
import { matchingByName } from "@/app/tickets/[ticketId]/_components/name-search";
import { useWorkspace } from "@/app/tickets/[ticketId]/_components/workspace-context";
import { textOf, useTicketAction } from "@/app/tickets/[ticketId]/_components/use-ticket-action";
import { heading } from "@/app/tickets/[ticketId]/_components/styles";

interface Props {
  /** The assignee's current name ("(deactivated)" when they are), or null. */
  assignee: string | null;
  /** The active people of the desk: only they can be given a ticket. */
  people: Person[];
  lockedBecause: string | null;
}

/**
 * Assign to a person of the desk, chosen from a type-ahead of the people directory (never a typed
 * name), to oneself, or unassign.
 */
export function AssignForm({ assignee, people, lockedBecause }: Props) {
  const { knownVersion, pending, me } = useWorkspace();
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<Person | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const [state, dispatch, saving] = useTicketAction(assignAgentAction, (form) => {
    const intent = form.get("intent");
    if (intent === "unassign") return { assignee: null };
    if (intent === "me") return { assignee: me };
    // By the submitted id: the picker is cleared as the form is sent.
    const id = textOf(form, "assigneeId");
    return { assignee: people.find((p) => p.id === id)?.name ?? null };
  });
  const errors = state.status === "error" ? state.fieldErrors : {};
  const saved = pending("assignee");
  const shown = saved ? saved.value : assignee;
  const intents = [
    { value: "me", label: "Assign to me", disabled: shown === me },
    { value: "unassign", label: "Unassign", disabled: shown === null },
  ];
  const matches = open && !chosen ? matchingByName(people, search) : [];
  const highlighted = Math.min(active, matches.length - 1);

  const choose = (person: Person) => {
    setChosen(person);
    setSearch(person.name);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      if (matches.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((highlighted + step + matches.length) % matches.length);
    } else if (event.key === "Enter" && matches.length > 0) {
      event.preventDefault();
      choose(matches[highlighted]!);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  };

  return (
    <Panel aria-labelledby="assign-heading" data-testid="assign-form">
      <h2 id="assign-heading" className={heading}>
        Assignee
      </h2>
      <form
        action={(form) => {
          dispatch(form);
          setChosen(null);
          setSearch("");
        }}
        className="mt-2 grid gap-2"
      >
        <input type="hidden" name="expectedVersion" value={knownVersion} />
        <input type="hidden" name="assigneeId" value={chosen?.id ?? ""} />
        <fieldset
          disabled={lockedBecause !== null || saving}
          aria-describedby={lockedBecause ? "assign-locked" : undefined}
          className="grid gap-2"
        >
          <legend className="sr-only">Assign this ticket</legend>
          <div className="relative">
            <Field
              id="assignee-search"
              name="assigneeSearch"
              label="Assign to"
              role="combobox"
              aria-autocomplete="list"
              aria-expanded={matches.length > 0}
              aria-controls={listId}
              aria-activedescendant={matches.length > 0 ? `${listId}-${highlighted}` : undefined}
              autoComplete="off"
              placeholder="Type a name"
              value={search}
              errors={{ assigneeSearch: errors.assigneeId ?? [] }}
              onChange={(event) => {
                setSearch(event.target.value);
                setChosen(null);
                setOpen(true);
                setActive(0);
              }}
              onFocus={() => setOpen(true)}
              onBlur={() => setOpen(false)}
              onKeyDown={onKeyDown}
            />
            <SuggestionList
              id={listId}
              label="People"
              items={matches}
              highlighted={highlighted}
              keyOf={(person) => person.id}
              onPick={choose}
              render={(person) => (
                <>
                  {person.name} <span className="text-xs opacity-80">{person.role}</span>
                </>
              )}
            />
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              type="submit"
              name="intent"
              value="person"
              size="md"
              disabled={!chosen}
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
