import type { ReactNode } from "react";

export interface AdminListRow {
  key: string;
  /** `data-*` attributes that name the row for tests (`data-person`, `data-token`). */
  data: Record<`data-${string}`, string>;
  name: string;
  /** Beside the name in brackets: a role, a scope. */
  kind: string;
  /** A grey tag after it ("deactivated", "revoked"), or nothing. */
  tag: string | null;
  /** The line of facts below the name. */
  facts: ReactNode;
  actions: ReactNode;
}

/** The people or the tokens: one row each, its facts on the left and its actions on the right. */
export function AdminList({ rows }: { rows: AdminListRow[] }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {rows.map((row) => (
        <li key={row.key} {...row.data} className="grid gap-2 p-4 sm:grid-cols-[1fr_auto]">
          <div>
            <p className="font-medium">
              {row.name} <span className="text-sm font-normal">({row.kind})</span>
              {row.tag ? (
                <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-800 dark:bg-slate-700 dark:text-slate-100">
                  {row.tag}
                </span>
              ) : null}
            </p>
            <p className="text-sm text-slate-700 dark:text-slate-300">{row.facts}</p>
          </div>
          {row.actions}
        </li>
      ))}
    </ul>
  );
}
