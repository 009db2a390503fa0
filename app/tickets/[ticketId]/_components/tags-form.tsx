"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { changeTagsAction } from "@/app/tickets/[ticketId]/actions";
import { FormStatus } from "@/app/tickets/[ticketId]/_components/form-status";
import { textOf, useTicketAction } from "@/app/tickets/[ticketId]/_components/use-ticket-action";
import { useWorkspace } from "@/app/tickets/[ticketId]/_components/workspace-context";
import { heading, hint } from "@/app/tickets/[ticketId]/_components/styles";

const split = (text: string) =>
  text
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);

/**
 * Adds tags (several at once, separated by spaces or commas) and removes them one by one. Each
 * tag's remove button is a form of its own, so Enter in the field only ever adds.
 */
export function TagsForm({ tags }: { tags: string[] }) {
  const { knownVersion, pending } = useWorkspace();
  const saved = pending("tags");
  const shown = saved ? split(saved.value ?? "") : tags;
  const [state, dispatch, saving] = useTicketAction(changeTagsAction, (form) => {
    const removed = textOf(form, "remove");
    const next = removed
      ? shown.filter((t) => t !== removed)
      : [...new Set([...shown, ...split(textOf(form, "add"))])];
    return { tags: next.join(" ") };
  });
  // A bad tag is reported at its place in the list ("add.0"): show it beside the field.
  const errors = state.status === "error" ? state.fieldErrors : {};
  const addErrors = Object.entries(errors)
    .filter(([field]) => field === "add" || field.startsWith("add."))
    .flatMap(([, messages]) => messages);
  const typed = state.status === "error" ? (state.values.add ?? "") : "";
  const version = <input type="hidden" name="expectedVersion" value={knownVersion} />;

  return (
    <Panel aria-labelledby="tags-heading" data-testid="tags-form">
      <h2 id="tags-heading" className={heading}>
        Tags
      </h2>
      {shown.length === 0 ? (
        <p className={`mt-2 ${hint}`}>No tags yet.</p>
      ) : (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Tags on this ticket">
          {shown.map((tag) => (
            <li
              key={tag}
              className="flex items-center gap-1 rounded-full bg-slate-200 py-0.5 pr-1 pl-2.5 text-sm dark:bg-slate-700"
            >
              {tag}
              <form action={dispatch}>
                {version}
                <input type="hidden" name="remove" value={tag} />
                <button
                  type="submit"
                  disabled={saving}
                  aria-label={`Remove tag ${tag}`}
                  className="rounded-full px-1.5 hover:bg-slate-300 dark:hover:bg-slate-600"
                >
                  ×
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form action={dispatch} className="mt-2 grid gap-2" noValidate>
        {version}
        <div className="flex flex-wrap items-end gap-2">
          <Field
            // A new field after each answer: empty once saved, what was typed once refused.
            key={state.status === "saved" ? `saved:${state.version}` : `${state.status}:${typed}`}
            id="tags-add"
            name="add"
            label="Add tags"
            autoComplete="off"
            maxLength={500}
            defaultValue={typed}
            placeholder="billing, vpn-2"
            errors={{ add: addErrors }}
            className="min-w-0 flex-1"
          />
          <Button type="submit" size="md" disabled={saving}>
            Add
          </Button>
        </div>
        <p className={hint}>Lower-case letters, digits and hyphens; up to 20 tags.</p>
        <FormStatus
          lockedId="tags-locked"
          lockedBecause={null}
          saving={saving}
          state={state}
          savedLabel="Tags changed"
        />
      </form>
    </Panel>
  );
}
