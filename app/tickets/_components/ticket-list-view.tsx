"use client";

import { usePollInterval } from "@/components/live-events";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useRef, useState, useTransition } from "react";
import { BulkBar } from "@/app/tickets/_components/bulk-bar";
import { BulkOutcome, type BulkRun } from "@/app/tickets/_components/bulk-outcome";
import type { BulkChange } from "@/app/tickets/_components/bulk-types";
import { ShortcutsDialog } from "@/app/tickets/_components/shortcuts-dialog";
import { SlaPolicyNote } from "@/app/tickets/_components/sla-policy-note";
import type { SlaPolicyStatus } from "@/components/sla-policy-status";
import { TicketRow } from "@/app/tickets/_components/ticket-row";
import { useListShortcuts } from "@/app/tickets/_components/use-list-shortcuts";
import { bulkChangeAction } from "@/app/tickets/bulk-actions";
import type { TicketListItem, TicketListPage } from "@/server/read-models/ticket-list/item-schema";

interface Props {
  /** The list query with "mine" resolved to a name, as GET /api/tickets takes it. */
  apiQuery: string;
  initialPage: TicketListPage;
  readAt: string;
  actorName: string;
  /** The SLA policy in force when the page was read, and its recompute. */
  slaStatus: SlaPolicyStatus;
}

async function fetchPage(apiQuery: string, cursor: string | null, signal: AbortSignal) {
  const params = new URLSearchParams(apiQuery);
  if (cursor) params.set("cursor", cursor);
  const response = await fetch(`/api/tickets?${params.toString()}`, { cache: "no-store", signal });
  if (!response.ok) throw new Error(`The list could not be refreshed (HTTP ${response.status}).`);
  return (await response.json()) as TicketListPage;
}

/**
 * The live list: the server-rendered first page, then refreshed on every pushed change (every
 * loaded page, so "load more" pages stay fresh too; polled every second when changes are not
 * pushed), with keyboard navigation and bulk changes.
 */
export function TicketListView({ apiQuery, initialPage, readAt, actorName, slaStatus }: Props) {
  const pollMs = usePollInterval();
  const list = useInfiniteQuery({
    queryKey: ["ticket-list", apiQuery],
    queryFn: ({ pageParam, signal }) => fetchPage(apiQuery, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initialPage], pageParams: [null] },
    initialDataUpdatedAt: Date.parse(readAt),
    refetchInterval: pollMs,
    // A filter left behind is dropped at once: coming back to it starts from the fresh
    // server-rendered page, never from an old copy.
    gcTime: 0,
  });
  // A row can move between pages while they are refetched one after another: show it once.
  const pages = list.data.pages;
  const items = useMemo(() => {
    const unique: TicketListItem[] = [];
    const seen = new Set<string>();
    for (const page of pages) {
      for (const item of page.items) {
        if (!seen.has(item.ticketId)) unique.push(item);
        seen.add(item.ticketId);
      }
    }
    return unique;
  }, [pages]);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [run, setRun] = useState<BulkRun | null>(null);
  const [bulkError, setBulkError] = useState("");
  const [applying, startApply] = useTransition();
  const links = useRef(new Map<string, HTMLAnchorElement>());

  const visibleChecked = items.filter((t) => checked.has(t.ticketId));
  const written = new Map(
    (run?.results ?? []).flatMap((r) =>
      r.outcome === "applied" && r.version !== undefined ? [[r.ticketId, r.version] as const] : [],
    ),
  );

  useListShortcuts({
    items,
    selectedId,
    setSelectedId,
    setChecked,
    shortcutsOpen,
    openShortcuts: () => setShortcutsOpen(true),
    links,
  });

  const apply = (change: BulkChange, label: string) => {
    const targets = visibleChecked.map((t) => ({ id: t.ticketId, subject: t.subject }));
    setBulkError("");
    startApply(async () => {
      let result: Awaited<ReturnType<typeof bulkChangeAction>>;
      try {
        result = await bulkChangeAction({ ticketIds: targets.map((t) => t.id), change });
      } catch {
        // The request itself failed (offline, server restarting): nothing is known to be saved.
        setBulkError(
          "The change could not be sent, so nothing is known to be saved. Check the list and try again.",
        );
        return;
      }
      if (result.status === "error") {
        setBulkError(
          [result.message, ...Object.values(result.fieldErrors).flat()].filter(Boolean).join(" "),
        );
        return;
      }
      const subjects = new Map(targets.map((t) => [t.id, t.subject]));
      setRun({
        label,
        results: result.results.map((r) => ({ ...r, subject: subjects.get(r.ticketId) ?? "" })),
      });
      setChecked(new Set());
    });
  };

  const allChecked = items.length > 0 && visibleChecked.length === items.length;
  const refreshFailed = list.isError;

  return (
    <section aria-labelledby="list-heading" className="grid min-w-0 gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="list-heading" className="text-lg font-semibold">
          {items.length} {items.length === 1 ? "ticket" : "tickets"}
          {list.hasNextPage ? " shown" : ""}
        </h2>
        <button
          type="button"
          onClick={() => setShortcutsOpen(true)}
          className="rounded px-2 py-1 text-sm text-slate-700 underline hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          Keyboard shortcuts <kbd className="font-mono">?</kbd>
        </button>
      </div>
      <div aria-live="polite" className="text-sm">
        {refreshFailed ? (
          <p className="rounded border border-amber-400 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
            Live updates paused: {list.error?.message ?? "the server did not answer."} The list
            below is as of {new Date(list.dataUpdatedAt).toLocaleTimeString("en-GB")} and may be out
            of date; retrying every second.
          </p>
        ) : (
          <p className="text-slate-600 dark:text-slate-400">
            Live: refreshed from the read model every second.
          </p>
        )}
      </div>
      {/* Outside the live region: it changes on every refresh. */}
      <p className="-mt-2 text-xs text-slate-600 dark:text-slate-400">
        Last checked{" "}
        <time
          dateTime={new Date(list.dataUpdatedAt).toISOString()}
          data-rendered-at={readAt}
          data-testid="list-checked-at"
        >
          {new Date(list.dataUpdatedAt).toLocaleTimeString("en-GB", { timeZone: "UTC" })} UTC
        </time>
      </p>
      {/* Outside the live region too: its progress moves every second. */}
      <SlaPolicyNote initial={slaStatus} className="-mt-2 text-xs" />

      {visibleChecked.length > 0 ? (
        <BulkBar
          count={visibleChecked.length}
          pending={applying}
          actorName={actorName}
          onApply={apply}
        />
      ) : null}
      {bulkError ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {bulkError}
        </p>
      ) : null}
      {run ? <BulkOutcome run={run} onDismiss={() => setRun(null)} /> : null}

      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-400 p-8 text-center text-slate-700 dark:border-slate-600 dark:text-slate-300">
          No tickets match these filters.
        </p>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
            <input
              id="select-all"
              type="checkbox"
              checked={allChecked}
              onChange={(event) =>
                setChecked(event.target.checked ? new Set(items.map((t) => t.ticketId)) : new Set())
              }
              className="size-4 accent-blue-700"
            />
            <label htmlFor="select-all">
              Select all {items.length} tickets shown
              {visibleChecked.length > 0 ? ` (${visibleChecked.length} selected)` : ""}
            </label>
          </div>
          <ul aria-label="Tickets" className="divide-y divide-slate-200 dark:divide-slate-800">
            {items.map((t) => (
              <TicketRow
                key={t.ticketId}
                ticket={t}
                selected={t.ticketId === selectedId}
                checked={checked.has(t.ticketId)}
                onCheck={(on) =>
                  setChecked((set) => {
                    const next = new Set(set);
                    if (on) next.add(t.ticketId);
                    else next.delete(t.ticketId);
                    return next;
                  })
                }
                onSelect={() => setSelectedId(t.ticketId)}
                writtenVersion={written.get(t.ticketId)}
                linkRef={(element) => {
                  if (element) links.current.set(t.ticketId, element);
                  else links.current.delete(t.ticketId);
                }}
              />
            ))}
          </ul>
        </div>
      )}
      {list.hasNextPage ? (
        <button
          type="button"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
          className="justify-self-center rounded border border-slate-400 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
        >
          {list.isFetchingNextPage ? "Loading more…" : "Load more"}
        </button>
      ) : items.length > 0 && pages.length > 1 ? (
        <p className="text-center text-sm text-slate-600 dark:text-slate-400">
          All matching tickets are shown.
        </p>
      ) : null}
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </section>
  );
}
