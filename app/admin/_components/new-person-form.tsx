"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { createPersonAction } from "@/app/admin/actions";
import { AdminForm } from "@/app/admin/_components/admin-form";

/** Adds an agent or a lead; an empty password field has one generated and shown once. */

export function NewPersonForm() {
  return (
    <AdminForm action={createPersonAction} label="New person" className="grid gap-3">
      {(errors, pending) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="person-name" name="name" label="Name" errors={errors} tone="raised" />
          <Field
            id="person-email"
            name="email"
            type="email"
            label="Email"
            errors={errors}
            tone="raised"
          />
          <Select
            id="person-role"
            name="role"
            label="Role"
            defaultValue="agent"
            errors={errors}
            tone="raised"
          >
            <option value="agent">Agent</option>
            <option value="lead">Lead</option>
          </Select>
          <Field
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
            tone="raised"
          />
          <div className="sm:col-span-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create person"}
            </Button>
          </div>
        </div>
      )}
    </AdminForm>
  );
}
