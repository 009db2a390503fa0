"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { AdminForm } from "@/app/admin/_components/admin-form";
import { createSavedReplyAction, updateSavedReplyAction } from "@/app/admin/saved-reply-actions";
import type { SavedReply } from "@/server/saved-replies/schemas";

/**
 * Adds a saved reply, or, given one, edits it. Every form on the page has a name and a body
 * field, so each gives its errors their own ids.
 */
export function SavedReplyForm({ reply }: { reply?: SavedReply }) {
  const prefix = reply ? `reply-${reply.id}` : "new-reply";
  return (
    <AdminForm
      action={reply ? updateSavedReplyAction : createSavedReplyAction}
      label={reply ? `Edit ${reply.name}` : "New saved reply"}
      className="grid gap-3"
    >
      {(errors, pending, values) => (
        <div className="grid gap-3">
          {reply ? <input type="hidden" name="id" value={reply.id} /> : null}
          <Field
            id={`${prefix}-name`}
            errorId={`${prefix}-name-error`}
            name="name"
            label="Name"
            required
            maxLength={60}
            defaultValue={values.name ?? reply?.name ?? ""}
            errors={errors}
            tone="raised"
          />
          <TextAreaField
            id={`${prefix}-body`}
            errorId={`${prefix}-body-error`}
            name="body"
            label="Body"
            required
            rows={reply ? 6 : 8}
            maxLength={20_000}
            defaultValue={values.body ?? reply?.body ?? ""}
            errors={errors}
            tone="raised"
          />
          <div>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : reply ? "Save changes" : "Add saved reply"}
            </Button>
          </div>
        </div>
      )}
    </AdminForm>
  );
}
