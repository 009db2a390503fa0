"use client";

import { useActionState, type ReactNode } from "react";
import { idleState } from "@/components/idle-state";
import type { AdminState } from "@/app/admin/actions";

/**
 * A form bound to an admin server action, with its outcome (and any secret shown once) in a
 * live region below it. `children` gets the field errors, and what a refused form had typed.
 */
export function AdminForm({
  action,
  children,
  className,
  label,
  secretTitle,
}: {
  action: (state: AdminState, form: FormData) => Promise<AdminState>;
  children: (
    errors: Record<string, string[]>,
    pending: boolean,
    values: Record<string, string>,
  ) => ReactNode;
  className?: string;
  label: string;
  /** Shows the secret in a marked box under this heading, with "copy it now" beside it. */
  secretTitle?: string;
}) {
  const [state, run, pending] = useActionState<AdminState, FormData>(action, idleState);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  return (
    <div className={className}>
      <form action={run} aria-label={label} noValidate className="contents">
        {children(errors, pending, values)}
      </form>
      <div role="status" aria-live="polite" className="text-sm">
        {state.status === "error" ? (
          <p className="mt-2 text-red-700 dark:text-red-400">{state.message}</p>
        ) : null}
        {state.status === "done" ? (
          <div className="mt-2 text-emerald-800 dark:text-emerald-300">
            <p>{state.message}</p>
            {state.secret && secretTitle ? (
              <div
                data-testid="secret-box"
                className="mt-2 rounded border-2 border-amber-600 bg-amber-50 p-3 text-slate-900 dark:border-amber-500 dark:bg-slate-900 dark:text-slate-100"
              >
                <p className="font-semibold">{secretTitle}</p>
                <p className="mt-1">Copy it now; it is not shown again.</p>
                <code
                  data-testid="secret"
                  className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono select-all dark:bg-slate-800"
                >
                  {state.secret}
                </code>
              </div>
            ) : state.secret ? (
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
