"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, fieldProps } from "@/components/ui/field-error";
import { AdminForm } from "@/app/admin/_components/admin-form";
import { deleteWebhookAction } from "@/app/admin/webhook-actions";

/** Deletes the subscription after a second, confirming step. */
export function WebhookDeleteForm({ webhookId }: { webhookId: string }) {
  const [asked, setAsked] = useState(false);
  if (!asked) {
    return (
      <div>
        <Button type="button" variant="secondary" size="md" onClick={() => setAsked(true)}>
          Delete…
        </Button>
      </div>
    );
  }
  return (
    <AdminForm action={deleteWebhookAction} label="Delete subscription" className="grid gap-3">
      {(errors, pending) => (
        <div className="grid gap-2 rounded border border-red-300 p-3 dark:border-red-800">
          <input type="hidden" name="id" value={webhookId} />
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="confirm"
              className="size-4 accent-red-700"
              {...fieldProps("confirm", errors)}
            />
            Yes, delete it and its attempts log. Nothing more is sent to it.
          </label>
          <FieldError name="confirm" errors={errors} />
          <div className="flex gap-2">
            <Button
              type="submit"
              size="md"
              disabled={pending}
              className="bg-red-700 hover:bg-red-800"
            >
              {pending ? "Deleting…" : "Delete subscription"}
            </Button>
            <Button type="button" variant="secondary" size="md" onClick={() => setAsked(false)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </AdminForm>
  );
}
