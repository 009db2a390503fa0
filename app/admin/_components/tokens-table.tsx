"use client";

import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { revokeTokenAction } from "@/app/admin/actions";
import { AdminForm } from "@/app/admin/_components/admin-form";

export interface TokenRow {
  tokenId: string;
  name: string;
  scope: "read" | "write";
  prefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Every API token, newest first, with when it was last used; a live one can be revoked. */
export function TokensTable({ tokens }: { tokens: TokenRow[] }) {
  if (tokens.length === 0) {
    return <p className="text-sm text-slate-700 dark:text-slate-300">No API tokens yet.</p>;
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {tokens.map((t) => (
        <li key={t.tokenId} data-token={t.name} className="grid gap-2 p-4 sm:grid-cols-[1fr_auto]">
          <div>
            <p className="font-medium">
              {t.name} <span className="text-sm font-normal">({t.scope})</span>
              {t.revokedAt ? (
                <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-800 dark:bg-slate-700 dark:text-slate-100">
                  revoked
                </span>
              ) : null}
            </p>
            <p className="text-sm text-slate-700 dark:text-slate-300">
              <code>{t.prefix}…</code> · created by {t.createdBy} <RelativeTime iso={t.createdAt} />{" "}
              · last used {t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : "never"}
            </p>
          </div>
          {t.revokedAt ? null : (
            <AdminForm action={revokeTokenAction} label={`Revoke ${t.name}`}>
              {(_errors, pending) => (
                <>
                  <input type="hidden" name="tokenId" value={t.tokenId} />
                  <Button type="submit" disabled={pending} variant="quiet" size="xs">
                    Revoke {t.name}
                  </Button>
                </>
              )}
            </AdminForm>
          )}
        </li>
      ))}
    </ul>
  );
}
