"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { createTokenAction } from "@/app/admin/actions";
import { AdminForm } from "@/app/admin/_components/admin-form";

/** Creates an API token; the secret is shown once, below the form. */

export function NewTokenForm() {
  return (
    <AdminForm action={createTokenAction} label="New API token" className="grid gap-3">
      {(errors, pending) => (
        <div className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end">
          <Field
            id="token-name"
            name="name"
            label="Name"
            placeholder="e.g. CRM sync"
            errors={errors}
            tone="raised"
          />
          <Select
            id="token-scope"
            name="scope"
            label="Scope"
            defaultValue="read"
            errors={errors}
            tone="raised"
          >
            <option value="read">read</option>
            <option value="write">write</option>
          </Select>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create token"}
          </Button>
        </div>
      )}
    </AdminForm>
  );
}
