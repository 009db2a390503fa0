"use client";

import { useActionState, type ReactNode } from "react";
import type { AdminState } from "@/app/admin/actions";

export const inputClass =
  "mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-sm dark:border-slate-500 dark:bg-slate-900";
export const buttonClass =
  "rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60";
export const quietButtonClass =
  "rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60 dark:border-slate-500 dark:hover:bg-slate-800";

/**
 * A form bound to an admin server action, with its outcome (and any secret shown once) in a
 * live region below it. `children` gets the field errors.
 */
export function AdminForm({
  action,
  children,
  className,
  label,
}: {
  action: (state: AdminState, form: FormData) => Promise<AdminState>;
  children: (errors: Record<string, string[]>, pending: boolean) => ReactNode;
  className?: string;
  label: string;
}) {
  const [state, run, pending] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <div className={className}>
      <form action={run} aria-label={label} noValidate className="contents">
        {children(errors, pending)}
      </form>
      <div role="status" aria-live="polite" className="text-sm">
        {state.status === "error" ? (
          <p className="mt-2 text-red-700 dark:text-red-400">{state.message}</p>
        ) : null}
        {state.status === "done" ? (
          <div className="mt-2 text-emerald-800 dark:text-emerald-300">
            <p>{state.message}</p>
            {state.secret ? (
              <p className="mt-1">
                <code
                  data-testid="secret"
                  className="block break-all rounded bg-slate-100 px-2 py-1 font-mono text-slate-900 select-all dark:bg-slate-800 dark:text-slate-100"
                >
                  {state.secret}
                </code>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
