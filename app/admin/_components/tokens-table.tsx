"use client";

import { RelativeTime } from "@/components/relative-time";
import { revokeTokenAction } from "@/app/admin/actions";
import { AdminButtonForm } from "@/app/admin/_components/admin-button-form";
import { AdminList } from "@/app/admin/_components/admin-list";

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
    <AdminList
      rows={tokens.map((t) => ({
        key: t.tokenId,
        data: { "data-token": t.name },
        name: t.name,
        kind: t.scope,
        tag: t.revokedAt ? "revoked" : null,
        facts: (
          <>
            <code>{t.prefix}…</code> · created by {t.createdBy} <RelativeTime iso={t.createdAt} /> ·
            last used {t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : "never"}
          </>
        ),
        actions: t.revokedAt ? null : (
          <AdminButtonForm
            action={revokeTokenAction}
            label={`Revoke ${t.name}`}
            fields={{ tokenId: t.tokenId }}
          >
            Revoke {t.name}
          </AdminButtonForm>
        ),
      }))}
    />
  );
}
