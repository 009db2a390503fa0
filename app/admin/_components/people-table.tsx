"use client";

import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { resetPasswordAction, setPersonActiveAction } from "@/app/admin/actions";
import { AdminForm } from "@/app/admin/_components/admin-form";

export interface PersonRow {
  userId: string;
  email: string;
  name: string;
  role: "agent" | "lead";
  active: boolean;
  createdAt: string;
}

/** Everyone who can sign in, each with deactivate / reactivate and a password reset (not for oneself). */
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
                      <Button type="submit" disabled={pending} variant="quiet" size="xs">
                        {p.active ? `Deactivate ${p.name}` : `Reactivate ${p.name}`}
                      </Button>
                    </>
                  )}
                </AdminForm>
                <AdminForm action={resetPasswordAction} label={`Password of ${p.email}`}>
                  {(_errors, pending) => (
                    <>
                      <input type="hidden" name="userId" value={p.userId} />
                      <Button type="submit" disabled={pending} variant="quiet" size="xs">
                        Reset password of {p.name}
                      </Button>
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
