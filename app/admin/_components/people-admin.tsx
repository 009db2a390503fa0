"use client";

import { FieldError } from "@/components/field-error";
import { TextField } from "@/components/text-field";
import { RelativeTime } from "@/components/relative-time";
import {
  createPersonAction,
  resetPasswordAction,
  setPersonActiveAction,
} from "@/app/admin/actions";
import {
  AdminForm,
  buttonClass,
  inputClass,
  quietButtonClass,
} from "@/app/admin/_components/admin-form";

export interface PersonRow {
  userId: string;
  email: string;
  name: string;
  role: "agent" | "lead";
  active: boolean;
  createdAt: string;
}

export function NewPersonForm() {
  return (
    <AdminForm action={createPersonAction} label="New person" className="grid gap-3">
      {(errors, pending) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            id="person-name"
            name="name"
            label="Name"
            errors={errors}
            className={inputClass}
          />
          <TextField
            id="person-email"
            name="email"
            type="email"
            label="Email"
            errors={errors}
            className={inputClass}
          />
          <div>
            <label htmlFor="person-role" className="text-sm font-medium">
              Role
            </label>
            <select id="person-role" name="role" defaultValue="agent" className={inputClass}>
              <option value="agent">Agent</option>
              <option value="lead">Lead</option>
            </select>
            <FieldError name="role" errors={errors} />
          </div>
          <TextField
            id="person-password"
            name="password"
            type="password"
            autoComplete="new-password"
            label={
              <>
                Password <span className="font-normal">(empty: generate one)</span>
              </>
            }
            errors={errors}
            className={inputClass}
          />
          <div className="sm:col-span-2">
            <button type="submit" disabled={pending} className={buttonClass}>
              {pending ? "Creating…" : "Create person"}
            </button>
          </div>
        </div>
      )}
    </AdminForm>
  );
}

export function PeopleTable({ people, me }: { people: PersonRow[]; me: string }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {people.map((p) => (
        <li key={p.userId} data-person={p.email} className="grid gap-2 p-4 sm:grid-cols-[1fr_auto]">
          <div>
            <p className="font-medium">
              {p.name} <span className="text-sm font-normal">({p.role})</span>
              {p.active ? null : (
                <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-800 dark:bg-slate-700 dark:text-slate-100">
                  deactivated
                </span>
              )}
            </p>
            <p className="text-sm text-slate-700 dark:text-slate-300">
              {p.email} · added <RelativeTime iso={p.createdAt} />
            </p>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            {p.userId === me ? (
              <span className="text-sm text-slate-700 dark:text-slate-300">You</span>
            ) : (
              <>
                <AdminForm action={setPersonActiveAction} label={`Activation of ${p.email}`}>
                  {(_errors, pending) => (
                    <>
                      <input type="hidden" name="userId" value={p.userId} />
                      <input type="hidden" name="active" value={p.active ? "false" : "true"} />
                      <button type="submit" disabled={pending} className={quietButtonClass}>
                        {p.active ? `Deactivate ${p.name}` : `Reactivate ${p.name}`}
                      </button>
                    </>
                  )}
                </AdminForm>
                <AdminForm action={resetPasswordAction} label={`Password of ${p.email}`}>
                  {(_errors, pending) => (
                    <>
                      <input type="hidden" name="userId" value={p.userId} />
                      <button type="submit" disabled={pending} className={quietButtonClass}>
                        Reset password of {p.name}
                      </button>
                    </>
                  )}
                </AdminForm>
              </>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
