"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { BulkChange } from "@/app/tickets/_components/bulk-types";

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
      <Select
        id="bulk-field"
        label="Change"
        size="compact"
        value={field}
        onChange={(event) => setField(event.target.value as BulkChange["field"])}
      >
        <option value="status">Status</option>
        <option value="assignee">Assignee</option>
        <option value="priority">Priority</option>
      </Select>
      {field === "status" ? (
        <Select
          id="bulk-status"
          label="New status"
          size="compact"
          value={status}
          onChange={(event) => setStatus(event.target.value)}
        >
          <option value="open">Open</option>
          <option value="triaged">Triaged</option>
          <option value="closed">Closed</option>
        </Select>
      ) : field === "priority" ? (
        <Select
          id="bulk-priority"
          label="New priority"
          size="compact"
          value={priority}
          onChange={(event) => setPriority(event.target.value)}
        >
          <option value="urgent">Urgent</option>
          <option value="high">High</option>
          <option value="normal">Normal</option>
          <option value="low">Low</option>
        </Select>
      ) : (
        <Field
          id="bulk-assignee"
          label="New assignee (empty to unassign)"
          size="compact"
          value={assignee}
          maxLength={100}
          onChange={(event) => setAssignee(event.target.value)}
        />
      )}
      <Button
        type="submit"
        disabled={pending || count === 0}
        className="focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        {pending ? "Applying…" : `Apply to ${count} ${count === 1 ? "ticket" : "tickets"}`}
      </Button>
    </form>
  );
}
