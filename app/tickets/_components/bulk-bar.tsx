"use client";

import { useState } from "react";
import type { BulkChange } from "@/app/tickets/_components/bulk-types";

const control =
  "mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600";
const labelClass = "text-xs font-medium text-slate-700 dark:text-slate-300";

interface Props {
  count: number;
  pending: boolean;
  actorName: string;
  onApply: (change: BulkChange, label: string) => void;
}

/** One change for every ticked ticket: a status, an assignee (empty unassigns) or a priority. */
export function BulkBar({ count, pending, actorName, onApply }: Props) {
  const [field, setField] = useState<BulkChange["field"]>("status");
  const [status, setStatus] = useState("triaged");
  const [priority, setPriority] = useState("high");
  const [assignee, setAssignee] = useState(actorName);

  const apply = () => {
    if (field === "status") onApply({ field, status }, `Status → ${status}`);
    else if (field === "priority") onApply({ field, priority }, `Priority → ${priority}`);
    else
      onApply(
        { field, assignee: assignee.trim() },
        assignee.trim() ? `Assigned to ${assignee.trim()}` : "Unassigned",
      );
  };

  return (
    <form
      aria-labelledby="bulk-heading"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-300 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 id="bulk-heading" className="w-full text-sm font-semibold">
        Change {count} selected {count === 1 ? "ticket" : "tickets"}
      </h2>
      <div>
        <label htmlFor="bulk-field" className={labelClass}>
          Change
        </label>
        <select
          id="bulk-field"
          value={field}
          onChange={(event) => setField(event.target.value as BulkChange["field"])}
          className={control}
        >
          <option value="status">Status</option>
          <option value="assignee">Assignee</option>
          <option value="priority">Priority</option>
        </select>
      </div>
      {field === "status" ? (
        <div>
          <label htmlFor="bulk-status" className={labelClass}>
            New status
          </label>
          <select
            id="bulk-status"
            value={status}
            onChange={(event) => setStatus(event.target.value)}
            className={control}
          >
            <option value="open">Open</option>
            <option value="triaged">Triaged</option>
            <option value="closed">Closed</option>
          </select>
        </div>
      ) : field === "priority" ? (
        <div>
          <label htmlFor="bulk-priority" className={labelClass}>
            New priority
          </label>
          <select
            id="bulk-priority"
            value={priority}
            onChange={(event) => setPriority(event.target.value)}
            className={control}
          >
            <option value="urgent">Urgent</option>
            <option value="high">High</option>
            <option value="normal">Normal</option>
            <option value="low">Low</option>
          </select>
        </div>
      ) : (
        <div>
          <label htmlFor="bulk-assignee" className={labelClass}>
            New assignee (empty to unassign)
          </label>
          <input
            id="bulk-assignee"
            value={assignee}
            maxLength={100}
            onChange={(event) => setAssignee(event.target.value)}
            className={control}
          />
        </div>
      )}
      <button
        type="submit"
        disabled={pending || count === 0}
        className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-60"
      >
        {pending ? "Applying…" : `Apply to ${count} ${count === 1 ? "ticket" : "tickets"}`}
      </button>
    </form>
  );
}
