"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { AdminForm } from "@/app/admin/_components/admin-form";
import type { AdminState } from "@/app/admin/actions";

interface Props {
  action: (state: AdminState, form: FormData) => Promise<AdminState>;
  /** The form's accessible name: "Revoke CRM sync". */
  label: string;
  /** Sent as hidden fields: which person or token. */
  fields: Record<string, string>;
  /** The button's text. */
  children: ReactNode;
}

/** A one-button admin form (deactivate, reset a password, revoke), its outcome below it. */
export function AdminButtonForm({ action, label, fields, children }: Props) {
  return (
    <AdminForm action={action} label={label}>
      {(_errors, pending) => (
        <>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <Button type="submit" disabled={pending} variant="quiet" size="xs">
            {children}
          </Button>
        </>
      )}
    </AdminForm>
  );
}
