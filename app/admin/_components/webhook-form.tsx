"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FieldError, fieldProps } from "@/components/ui/field-error";
import { AdminForm } from "@/app/admin/_components/admin-form";
import { createWebhookAction, updateWebhookAction } from "@/app/admin/webhook-actions";
import type { Webhook } from "@/server/webhooks/schemas";

const checkbox = "size-4 rounded border-slate-400 accent-blue-700";

/**
 * Subscribes a URL, or, given a subscription, edits it. "All events" is ticked unless the
 * subscription names its types; ticking it greys the list of types out.
 */
export function WebhookForm({
  webhook,
  typeNames,
}: {
  webhook?: Pick<Webhook, "id" | "url" | "description" | "types" | "active" | "disabled">;
  typeNames: readonly string[];
}) {
  const [all, setAll] = useState(!webhook?.types);
  const chosen = new Set<string>(webhook?.types ?? []);
  return (
    <AdminForm
      action={webhook ? updateWebhookAction : createWebhookAction}
      label={webhook ? "Subscription settings" : "New webhook subscription"}
      className="grid gap-3"
      secretTitle="Signing secret"
    >
      {(errors, pending, values) => {
        // A refused form gives back what was typed; an unticked box is absent from it.
        const refused = Object.keys(values).length > 0;
        return (
          <div className="grid gap-3">
            {webhook ? <input type="hidden" name="id" value={webhook.id} /> : null}
            <Field
              id="webhook-url"
              name="url"
              type="url"
              label="URL"
              placeholder="https://example.com/hooks/desk"
              required
              maxLength={2_000}
              defaultValue={values.url ?? webhook?.url ?? ""}
              errors={errors}
              tone="raised"
            />
            <Field
              id="webhook-description"
              name="description"
              label={
                <>
                  Description <span className="font-normal">(optional)</span>
                </>
              }
              maxLength={200}
              defaultValue={values.description ?? webhook?.description ?? ""}
              errors={errors}
              tone="raised"
            />
            <fieldset {...fieldProps("types", errors)}>
              <legend className="text-sm font-medium">Event types</legend>
              <label className="mt-1 flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="allTypes"
                  className={checkbox}
                  checked={all}
                  onChange={(event) => setAll(event.target.checked)}
                />
                All events
              </label>
              <div className="mt-1 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
                {typeNames.map((type) => (
                  <label
                    key={type}
                    className={`flex items-center gap-2 text-sm ${all ? "opacity-60" : ""}`}
                  >
                    <input
                      type="checkbox"
                      name={`type:${type}`}
                      className={checkbox}
                      disabled={all}
                      defaultChecked={refused ? values[`type:${type}`] === "on" : chosen.has(type)}
                    />
                    <code>{type}</code>
                  </label>
                ))}
              </div>
              <FieldError name="types" errors={errors} />
            </fieldset>
            <div>
              <label className="flex items-center gap-2 text-sm font-medium">
                <input
                  type="checkbox"
                  name="active"
                  className={checkbox}
                  defaultChecked={refused ? values.active === "on" : (webhook?.active ?? true)}
                />
                Active: deliver events
              </label>
              {webhook?.disabled ? (
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                  The desk turned it off. Tick it and save to resume from the event that failed.
                </p>
              ) : null}
            </div>
            <div>
              <Button type="submit" disabled={pending}>
                {pending ? "Saving…" : webhook ? "Save changes" : "Subscribe"}
              </Button>
            </div>
          </div>
        );
      }}
    </AdminForm>
  );
}
