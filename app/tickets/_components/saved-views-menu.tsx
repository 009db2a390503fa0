"use client";

import Link from "next/link";
import { useActionState, useId, useState, useTransition } from "react";
import { idleState } from "@/components/idle-state";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { controlClass } from "@/components/ui/control-class";
import { fieldProps } from "@/components/ui/field-error";
import { Labelled } from "@/components/ui/labelled";
import type { SaveViewState, SavedViewItem } from "@/app/tickets/_components/saved-view-types";
import { deleteViewAction, saveViewAction } from "@/app/tickets/view-actions";

interface Props {
  views: SavedViewItem[];
  /** The current filters, saved as they are (`assignee=me` stays "me" for whoever opens it). */
  params: Record<string, string>;
}

/** The agent's saved views: pick one, name the current filters, delete one. */
export function SavedViewsMenu({ views, params }: Props) {
  const [open, setOpen] = useState(false);
  const [state, action, saving] = useActionState<SaveViewState, FormData>(
    saveViewAction,
    idleState,
  );
  const [deleting, startDelete] = useTransition();
  const [deleteMessage, setDeleteMessage] = useState("");
  const panelId = useId();
  const errors = state.status === "error" ? state.fieldErrors : {};
  const query = new URLSearchParams(params).toString();

  return (
    <div
      className="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        Saved views ({views.length}) <span aria-hidden="true">▾</span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-20 mt-2 w-[min(22rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {views.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No saved views yet.</p>
        ) : (
          <ul aria-label="Your saved views" className="grid gap-1">
            {views.map((view) => (
              <li key={view.id} className="flex items-center gap-2">
                <Link
                  href={view.query ? `/tickets?${view.query}` : "/tickets"}
                  onClick={() => setOpen(false)}
                  className="min-w-0 flex-1 truncate rounded px-2 py-1 text-sm text-blue-700 underline hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300 dark:hover:bg-slate-800"
                  title={view.query || "No filters"}
                >
                  {view.name}
                </Link>
                <button
                  type="button"
                  disabled={deleting}
                  aria-label={`Delete view ${view.name}`}
                  onClick={() =>
                    startDelete(async () => {
                      try {
                        const result = await deleteViewAction(view.id);
                        setDeleteMessage(
                          result.status === "deleted"
                            ? `Deleted view “${view.name}”.`
                            : result.message,
                        );
                      } catch {
                        setDeleteMessage("The view could not be deleted. Try again in a moment.");
                      }
                    })
                  }
                  className="rounded px-2 py-1 text-xs text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-60 dark:text-red-300 dark:hover:bg-red-950"
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          action={action}
          noValidate
          className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-700"
        >
          <input type="hidden" name="query" value={query} />
          {/* The button stands beside the input, so this is not a Field. */}
          <Labelled id="view-name" name="name" label="Save the current filters as" errors={errors}>
            <div className="mt-1 flex gap-2">
              <input
                id="view-name"
                name="name"
                maxLength={60}
                required
                defaultValue={state.status === "error" ? state.values.name : ""}
                key={state.status === "saved" ? state.view.id : "form"}
                className={cx("min-w-0 flex-1", controlClass("compact"))}
                {...fieldProps("name", errors)}
              />
              <Button
                type="submit"
                disabled={saving}
                size="sm"
                className="focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
              >
                {saving ? "Saving…" : "Save view"}
              </Button>
            </div>
          </Labelled>
        </form>
        <p aria-live="polite" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          {state.status === "saved" ? `Saved view “${state.view.name}”.` : null}
          {state.status === "error" && Object.keys(errors).length === 0 ? state.message : null}
          {deleteMessage ? ` ${deleteMessage}` : null}
        </p>
      </div>
    </div>
  );
}
