"use client";

import { Button } from "@/components/ui/button";
import { AdminForm } from "@/app/admin/_components/admin-form";
import { rotateWebhookSecretAction } from "@/app/admin/webhook-actions";

/** Makes a new signing secret, shown once; the old one keeps signing for a day. */
export function WebhookSecretForm({ webhookId }: { webhookId: string }) {
  return (
    <AdminForm
      action={rotateWebhookSecretAction}
      label="Rotate secret"
      className="grid gap-3"
      secretTitle="New signing secret"
    >
      {(_errors, pending) => (
        <div>
          <input type="hidden" name="id" value={webhookId} />
          <Button type="submit" variant="secondary" size="md" disabled={pending}>
            {pending ? "Rotating…" : "Rotate secret"}
          </Button>
        </div>
      )}
    </AdminForm>
  );
}
