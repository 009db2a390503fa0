"use client";

import { RelativeTime } from "@/components/relative-time";
import { resetPasswordAction, setPersonActiveAction } from "@/app/admin/actions";
import { AdminButtonForm } from "@/app/admin/_components/admin-button-form";
import { AdminList } from "@/app/admin/_components/admin-list";

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
    <AdminList
      rows={people.map((p) => ({
        key: p.userId,
        data: { "data-person": p.email },
        name: p.name,
        kind: p.role,
        tag: p.active ? null : "deactivated",
        facts: (
          <>
            {p.email} · added <RelativeTime iso={p.createdAt} />
          </>
        ),
        actions: (
          <div className="flex flex-wrap items-start gap-2">
            {p.userId === me ? (
              <span className="text-sm text-slate-700 dark:text-slate-300">You</span>
            ) : (
              <>
                <AdminButtonForm
                  action={setPersonActiveAction}
                  label={`Activation of ${p.email}`}
                  fields={{ userId: p.userId, active: p.active ? "false" : "true" }}
                >
                  {p.active ? `Deactivate ${p.name}` : `Reactivate ${p.name}`}
                </AdminButtonForm>
                <AdminButtonForm
                  action={resetPasswordAction}
                  label={`Password of ${p.email}`}
                  fields={{ userId: p.userId }}
                >
                  Reset password of {p.name}
                </AdminButtonForm>
              </>
            )}
          </div>
        ),
      }))}
    />
  );
}
