"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { AdminForm } from "@/app/admin/_components/admin-form";
import { replayWebhookAction } from "@/app/admin/webhook-actions";

/** Sends everything again from a feed position, or from a moment (typed in UTC). */
export function WebhookReplayForm({ webhookId }: { webhookId: string }) {
  return (
    <AdminForm action={replayWebhookAction} label="Replay from" className="grid gap-3">
      {(errors, pending, values) => (
        <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
          <input type="hidden" name="id" value={webhookId} />
          <Field
            id="replay-position"
            name="fromPosition"
            label="From position"
            inputMode="numeric"
            defaultValue={values.fromPosition ?? ""}
            errors={errors}
            tone="raised"
          />
          <Field
            id="replay-time"
            name="fromTime"
            type="datetime-local"
            step={1}
            label={
              <>
                Or from date and time <span className="font-normal">(UTC)</span>
              </>
            }
            defaultValue={values.fromTime ?? ""}
            errors={errors}
            tone="raised"
          />
          <Button type="submit" variant="secondary" disabled={pending} className="sm:mt-6">
            {pending ? "Replaying…" : "Replay"}
          </Button>
        </div>
      )}
    </AdminForm>
  );
}
