"use client";

import type { ReactNode } from "react";
import { PriorityBadge } from "@/components/priority-badge";
import { StatusBadge } from "@/components/status-badge";
import {
  useWorkspace,
  type PendingField,
} from "@/app/tickets/[ticketId]/_components/workspace-context";

interface Props {
  status: string;
  priority: string;
  assignee: string | null;
  customer: ReactNode;
}

/**
 * The ticket's current fields. A value saved from this page that the read side has not caught
 * up with yet is shown as "updating", never as the settled state.
 */
export function TicketFacts({ status, priority, assignee, customer }: Props) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      <Fact
        field="status"
        term="Status"
        value={status}
        render={(v) => <StatusBadge status={v} />}
      />
      <Fact
        field="priority"
        term="Priority"
        value={priority}
        render={(v) => <PriorityBadge priority={v} />}
      />
      <Fact
        field="assignee"
        term="Assignee"
        value={assignee}
        render={(v) => <span className="font-medium">{v}</span>}
      />
      <div>
        <dt className="text-slate-700 dark:text-slate-300">Customer</dt>
        <dd className="mt-1 break-words">{customer}</dd>
      </div>
    </dl>
  );
}

function Fact({
  field,
  term,
  value,
  render,
}: {
  field: PendingField;
  term: string;
  value: string | null;
  render: (value: string) => ReactNode;
}) {
  const saved = useWorkspace().pending(field);
  const shown = saved ? saved.value : value;
  return (
    <div>
      <dt className="text-slate-700 dark:text-slate-300">{term}</dt>
      <dd
        className="mt-1 flex flex-wrap items-center gap-2"
        data-testid={`fact-${field}`}
        data-updating={saved ? "true" : undefined}
      >
        {shown === null ? <span className="italic">Unassigned</span> : render(shown)}
        {saved ? (
          <span className="text-xs text-sky-800 dark:text-sky-200">
            updating… (saved, not yet in every view)
          </span>
        ) : null}
      </dd>
    </div>
  );
}
