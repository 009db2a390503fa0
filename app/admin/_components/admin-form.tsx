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
}: {
  action: (state: AdminState, form: FormData) => Promise<AdminState>;
  children: (
    errors: Record<string, string[]>,
    pending: boolean,
    values: Record<string, string>,
  ) => ReactNode;
  className?: string;
  label: string;
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
