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

const tagsIn = (text: string) =>
  text
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);

/**
 * One change for every ticked ticket: a status, an assignee (empty unassigns), a priority, or
 * tags to add and to remove.
 */
export function BulkBar({ count, pending, actorName, onApply }: Props) {
  const [field, setField] = useState<BulkChange["field"]>("status");
  const [status, setStatus] = useState("triaged");
  const [priority, setPriority] = useState("high");
  const [assignee, setAssignee] = useState(actorName);
  const [addTags, setAddTags] = useState("");
  const [removeTags, setRemoveTags] = useState("");

  const apply = () => {
    if (field === "status") onApply({ field, status }, `Status → ${status}`);
    else if (field === "priority") onApply({ field, priority }, `Priority → ${priority}`);
    else if (field === "tags") {
      const add = tagsIn(addTags);
      const remove = tagsIn(removeTags);
      const label = [
        add.length > 0 ? `Tagged ${add.join(", ")}` : "",
        remove.length > 0 ? `untagged ${remove.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; ");
      onApply({ field, add, remove }, label || "Tags");
    } else
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
        <option value="tags">Tags</option>
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
      ) : field === "tags" ? (
        <>
          <Field
            id="bulk-add-tags"
            label="Add tags (space or comma between)"
            size="compact"
            value={addTags}
            maxLength={900}
            onChange={(event) => setAddTags(event.target.value)}
          />
          <Field
            id="bulk-remove-tags"
            label="Remove tags"
            size="compact"
            value={removeTags}
            maxLength={900}
            onChange={(event) => setRemoveTags(event.target.value)}
          />
        </>
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
