"use client";

import { PRIORITIES, STATUSES, type Priority, type Status } from "@/server/tickets/domain/types";
import { changeStatusAction, setPriorityAction } from "@/app/tickets/[ticketId]/actions";
import { AssignForm } from "@/app/tickets/[ticketId]/_components/assign-form";
import { ChoiceForm } from "@/app/tickets/[ticketId]/_components/choice-form";
import { TagsForm } from "@/app/tickets/[ticketId]/_components/tags-form";
import type { Person } from "@/server/people/directory";
import { useWorkspace } from "@/app/tickets/[ticketId]/_components/workspace-context";

const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
const statuses = STATUSES.map((value) => ({ value, label: label(value) }));
const priorities = PRIORITIES.map((value) => ({ value, label: label(value) }));

interface Props {
  status: Status;
  priority: Priority;
  assignee: string | null;
  people: Person[];
  tags: string[];
}

/**
 * Every action on the ticket. The rules for closed tickets are shown before anyone tries: the
 * controls they forbid are disabled with the reason beside them.
 */
export function TicketActions({ status, priority, assignee, people, tags }: Props) {
  const { pending } = useWorkspace();
  const closed = (pending("status")?.value ?? status) === "closed";

  return (
    <div className="grid gap-4">
      <ChoiceForm
        field="status"
        title="Status"
        choices={statuses}
        current={status}
        action={changeStatusAction}
        savedLabel="Status changed"
        lockedBecause={
          closed
            ? "This ticket is closed, and closed tickets cannot be reopened. If the problem comes back, create a new ticket."
            : null
        }
      />
      <AssignForm
        assignee={assignee}
        people={people}
        lockedBecause={
          closed ? "Closed: the assignee stays as the record of who resolved this ticket." : null
        }
      />
      <ChoiceForm
        field="priority"
        title="Priority"
        choices={priorities}
        current={priority}
        action={setPriorityAction}
        savedLabel="Priority set"
        lockedBecause={
          closed ? "Closed: the priority of a resolved ticket no longer changes." : null
        }
      />
      <TagsForm tags={tags} />
    </div>
  );
}
