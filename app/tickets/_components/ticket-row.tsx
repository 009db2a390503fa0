"use client";

import Link from "next/link";
import type { Ref } from "react";
import { PriorityBadge } from "@/components/priority-badge";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { SlaDueBadge } from "@/app/tickets/_components/sla-due-badge";
import type { TicketListItem } from "@/server/read-models/ticket-list/item-schema";

interface Props {
  ticket: TicketListItem;
  /** The keyboard selection (j/k): highlighted, and its link has focus. */
  selected: boolean;
  checked: boolean;
  onCheck: (checked: boolean) => void;
  onSelect: () => void;
  /** The version a write of ours produced, when this list has not shown it yet or just did. */
  writtenVersion: number | undefined;
  linkRef: Ref<HTMLAnchorElement>;
}

/** One ticket: a line of a table on wide screens, a stacked card on a phone. */
export function TicketRow({
  ticket: t,
  selected,
  checked,
  onCheck,
  onSelect,
  writtenVersion,
  linkRef,
}: Props) {
  const updating = writtenVersion !== undefined && t.version < writtenVersion;
  const caughtUp = writtenVersion !== undefined && !updating;
  return (
    <li
      data-ticket-id={t.ticketId}
      data-version={t.version}
      data-selected={selected || undefined}
      data-sync={updating ? "updating" : caughtUp ? "current" : undefined}
      className={`relative flex gap-3 p-4 ${
        selected
          ? "bg-blue-50 outline-2 -outline-offset-2 outline-blue-600 dark:bg-blue-950/60 dark:outline-blue-400"
          : ""
      } ${updating ? "bg-sky-50/70 dark:bg-sky-950/40" : ""}`}
    >
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onCheck(event.target.checked)}
        aria-label={`Select ticket: ${t.subject}`}
        className="mt-1 size-4 shrink-0 accent-blue-700"
      />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <Link
            ref={linkRef}
            href={`/tickets/${t.ticketId}`}
            onFocus={onSelect}
            className="min-w-0 break-words font-medium text-blue-800 underline-offset-2 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-blue-200"
          >
            {t.subject}
          </Link>
          <StatusBadge status={t.status} />
          <PriorityBadge priority={t.priority} />
          <SlaDueBadge state={t.slaState} dueAt={t.slaDueAt} />
          {t.awaitingReply ? (
            <span
              data-testid="awaiting-reply"
              className="rounded border border-amber-500 px-2 py-0.5 text-xs font-medium text-amber-900 dark:border-amber-600 dark:text-amber-100"
            >
              Awaiting reply
            </span>
          ) : null}
          {updating ? (
            <span className="rounded border border-sky-400 px-2 py-0.5 text-xs font-medium text-sky-900 dark:border-sky-600 dark:text-sky-100">
              Updating to version {writtenVersion}…
            </span>
          ) : caughtUp ? (
            <span className="rounded border border-emerald-500 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:border-emerald-600 dark:text-emerald-100">
              Current · version {t.version}
            </span>
          ) : null}
        </div>
        <p className="mt-1 break-words text-sm text-slate-700 dark:text-slate-300">{t.preview}</p>
        {t.tags.length > 0 ? (
          <ul aria-label="Tags" className="mt-1 flex flex-wrap gap-1">
            {t.tags.map((tag) => (
              <li key={tag}>
                <Link
                  href={`/tickets?tag=${encodeURIComponent(tag)}`}
                  aria-label={`Tickets tagged ${tag}`}
                  className="inline-block rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-800 hover:underline dark:bg-slate-800 dark:text-slate-200"
                >
                  {tag}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600 dark:text-slate-400">
          <span>{t.assignee ? `Assigned to ${t.assignee}` : "Unassigned"}</span>
          <span>
            {t.noteCount} {t.noteCount === 1 ? "note" : "notes"}
          </span>
          {t.customer ? (
            <span className="break-all">{t.customer.name ?? t.customer.email}</span>
          ) : null}
          <span>
            {t.messageCount} {t.messageCount === 1 ? "message" : "messages"}
          </span>
          <span>
            Created <RelativeTime iso={t.createdAt} />
          </span>
          <span>
            Updated <RelativeTime iso={t.updatedAt} />
          </span>
        </p>
      </div>
    </li>
  );
}
