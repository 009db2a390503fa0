"use client";

import { FieldError } from "@/components/field-error";
import { TextField } from "@/components/text-field";
import { RelativeTime } from "@/components/relative-time";
import { createTokenAction, revokeTokenAction } from "@/app/admin/actions";
import {
  AdminForm,
  buttonClass,
  inputClass,
  quietButtonClass,
} from "@/app/admin/_components/admin-form";

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

export function NewTokenForm() {
  return (
    <AdminForm action={createTokenAction} label="New API token" className="grid gap-3">
      {(errors, pending) => (
        <div className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end">
          <TextField
            id="token-name"
            name="name"
            label="Name"
            placeholder="e.g. CRM sync"
            errors={errors}
            className={inputClass}
          />
          <div>
            <label htmlFor="token-scope" className="text-sm font-medium">
              Scope
            </label>
            <select id="token-scope" name="scope" defaultValue="read" className={inputClass}>
              <option value="read">read</option>
              <option value="write">write</option>
            </select>
            <FieldError name="scope" errors={errors} />
          </div>
          <button type="submit" disabled={pending} className={buttonClass}>
            {pending ? "Creating…" : "Create token"}
          </button>
        </div>
      )}
    </AdminForm>
  );
}

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
                  <button type="submit" disabled={pending} className={quietButtonClass}>
                    Revoke {t.name}
                  </button>
                </>
              )}
            </AdminForm>
          )}
        </li>
      ))}
    </ul>
  );
}
