"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import {
  DUE_SOONEST,
  OWNED_FILTERS,
  assigneeChanges,
  assigneeChoice,
  listHref,
  withChanges,
  withSearch,
} from "@/app/tickets/_components/list-url";

const SLA_CHOICES = [
  ["at_risk", "At risk"],
  ["breached", "Breached"],
  ["met", "Met"],
] as const;

export const SEARCH_INPUT_ID = "ticket-search";

interface Props {
  /** The URL's parameters (one value each, no cursor). */
  params: Record<string, string>;
  actorName: string;
}

/**
 * The list's filters. They live in the URL, so a view can be bookmarked and shared; changing
 * one keeps every parameter it does not own (for example date filters a dashboard links with).
 */
export function ListFilters({ params: urlParams, actorName }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // What the controls show: the URL, or the change on its way to it. Two quick changes in a row
  // build on each other instead of the second undoing the first.
  const [params, setParams] = useState(urlParams);
  const [seenParams, setSeenParams] = useState(urlParams);
  if (urlParams !== seenParams) {
    setSeenParams(urlParams);
    setParams(urlParams);
  }
  const [q, setQ] = useState(params.q ?? "");
  // A search set from elsewhere (a saved view, back and forward) replaces what is in the box.
  const [urlQ, setUrlQ] = useState(params.q ?? "");
  if ((params.q ?? "") !== urlQ) {
    setUrlQ(params.q ?? "");
    if (q.trim() !== (params.q ?? "")) setQ(params.q ?? "");
  }
  const go = (changes: Record<string, string | null>) => {
    const next = withChanges(params, changes);
    setParams(next);
    startTransition(() => router.push(listHref(next), { scroll: false }));
  };

  // Leaving the box applies its search at once, so no debounced search is left to fire after
  // the agent has moved on: a list navigation started after they opened a ticket would win
  // over it and put them back on the list.
  const searchNow = () => {
    if (q.trim() === (params.q ?? "")) return;
    const next = withChanges(params, withSearch(params, q.trim() || null));
    setParams(next);
    startTransition(() => router.replace(listHref(next), { scroll: false }));
  };

  // Search as the agent types, once they pause; the address follows without a history entry.
  useEffect(() => {
    if (q.trim() === (params.q ?? "")) return;
    const timer = setTimeout(() => {
      startTransition(() =>
        router.replace(listHref(withChanges(params, withSearch(params, q.trim() || null))), {
          scroll: false,
        }),
      );
    }, 350);
    return () => clearTimeout(timer);
  }, [q, params, router]);

  const assignee = assigneeChoice(params);
  const others = Object.entries(params).filter(([key]) => !OWNED_FILTERS.includes(key));
  const active = Object.keys(params).length > 0;

  return (
    <section aria-labelledby="filters-heading" className="grid gap-3">
      <h2 id="filters-heading" className="sr-only">
        Filters
      </h2>
      <form
        role="search"
        className="grid grid-cols-2 gap-3 sm:grid-cols-4"
        onSubmit={(event) => {
          event.preventDefault();
          go(withSearch(params, q.trim() || null));
        }}
      >
        <Field
          id={SEARCH_INPUT_ID}
          label={
            <>
              Search tickets{" "}
              <kbd aria-hidden="true" className="ml-1 font-mono text-slate-600 dark:text-slate-400">
                /
              </kbd>
            </>
          }
          size="compact"
          tone="plain"
          className="col-span-2 sm:col-span-1"
          type="search"
          name="q"
          value={q}
          maxLength={200}
          placeholder="Words anywhere in the conversation"
          onChange={(event) => setQ(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            // Esc leaves the box and keeps the search: Chromium would otherwise empty a
            // search field on Esc, and the emptied search would replace the list's address
            // moments later, even after the agent had opened a ticket.
            event.preventDefault();
            event.currentTarget.blur();
          }}
          onBlur={searchNow}
        />
        <Select
          id="filter-status"
          label="Status"
          size="compact"
          tone="plain"
          value={params.status ?? ""}
          onChange={(event) => go({ status: event.target.value || null })}
        >
          <option value="">Any status</option>
          <option value="open">Open</option>
          <option value="triaged">Triaged</option>
          <option value="open,triaged">Open or triaged</option>
          <option value="closed">Closed</option>
          {params.status &&
          !["open", "triaged", "open,triaged", "closed"].includes(params.status) ? (
            <option value={params.status}>{params.status}</option>
          ) : null}
        </Select>
        <Select
          id="filter-assignee"
          label="Assignee"
          size="compact"
          tone="plain"
          value={assignee}
          onChange={(event) => go(assigneeChanges(event.target.value))}
        >
          <option value="">Anyone</option>
          <option value="me">Mine ({actorName})</option>
          <option value="unassigned">Unassigned</option>
          <option value="assigned">Assigned to someone</option>
          {assignee.startsWith("name:") ? (
            <option value={assignee}>{assignee.slice(5)}</option>
          ) : null}
        </Select>
        <Select
          id="filter-priority"
          label="Priority"
          size="compact"
          tone="plain"
          value={params.priority ?? ""}
          onChange={(event) => go({ priority: event.target.value || null })}
        >
          <option value="">Any priority</option>
          <option value="urgent">Urgent</option>
          <option value="high">High</option>
          <option value="normal">Normal</option>
          <option value="low">Low</option>
          {params.priority && !["urgent", "high", "normal", "low"].includes(params.priority) ? (
            <option value={params.priority}>{params.priority}</option>
          ) : null}
        </Select>
        <Select
          id="filter-note"
          label="Notes"
          size="compact"
          tone="plain"
          value={params.hasNote ?? ""}
          onChange={(event) => go({ hasNote: event.target.value || null })}
        >
          <option value="">With or without notes</option>
          <option value="true">With notes</option>
          <option value="false">Without notes</option>
          {params.hasNote && !["true", "false"].includes(params.hasNote) ? (
            <option value={params.hasNote}>{params.hasNote}</option>
          ) : null}
        </Select>
        <Select
          id="filter-awaiting"
          label="Replies"
          size="compact"
          tone="plain"
          value={params.awaitingReply ?? ""}
          onChange={(event) => go({ awaitingReply: event.target.value || null })}
        >
          <option value="">Answered or not</option>
          <option value="true">Awaiting a reply</option>
          <option value="false">Not awaiting a reply</option>
          {params.awaitingReply && !["true", "false"].includes(params.awaitingReply) ? (
            <option value={params.awaitingReply}>{params.awaitingReply}</option>
          ) : null}
        </Select>
        <Select
          id="filter-sla"
          label="SLA"
          size="compact"
          tone="plain"
          value={params.sla ?? ""}
          onChange={(event) => go({ sla: event.target.value || null })}
        >
          <option value="">Any SLA state</option>
          {SLA_CHOICES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          {params.sla && !SLA_CHOICES.some(([value]) => value === params.sla) ? (
            <option value={params.sla}>{params.sla}</option>
          ) : null}
        </Select>
        <Select
          id="filter-sort"
          label="Order"
          size="compact"
          tone="plain"
          value={params.sort === "updated" ? "" : (params.sort ?? "")}
          onChange={(event) => go({ sort: event.target.value || null })}
        >
          <option value="">Newest change first</option>
          <option value={DUE_SOONEST} disabled={Boolean(params.q)}>
            {params.q ? "Due soonest (not with a search)" : "Due soonest"}
          </option>
          {params.sort && !["updated", DUE_SOONEST].includes(params.sort) ? (
            <option value={params.sort}>{params.sort}</option>
          ) : null}
        </Select>
        <button type="submit" className="sr-only focus:not-sr-only">
          Search
        </button>
      </form>
      <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
        {others.map(([key, value]) => (
          <span
            key={key}
            className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-white py-0.5 pl-3 pr-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <span>
              {key}: <span className="font-medium">{value}</span>
            </span>
            <button
              type="button"
              onClick={() => go({ [key]: null })}
              aria-label={`Remove filter ${key}`}
              className="rounded-full px-2 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              ×
            </button>
          </span>
        ))}
        {active ? (
          <Link
            href="/tickets"
            className="text-blue-700 underline hover:text-blue-900 dark:text-blue-300 dark:hover:text-blue-200"
          >
            Clear all filters
          </Link>
        ) : null}
        {pending ? <span className="text-slate-600 dark:text-slate-400">Loading…</span> : null}
      </div>
    </section>
  );
}
