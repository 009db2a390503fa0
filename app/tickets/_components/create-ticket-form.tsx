"use client";

import { useActionState } from "react";
import { idleState } from "@/components/idle-state";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { TextAreaField } from "@/components/ui/text-area-field";
import { WriteStatus } from "@/components/write-status";
import { createTicketAction } from "@/app/tickets/actions";

export function CreateTicketForm() {
  const [state, action, pending] = useActionState(createTicketAction, idleState);
  const values = state.status === "error" ? state.values : {};
  const errors = state.status === "error" ? state.fieldErrors : {};

  return (
    <Panel aria-labelledby="create-ticket-heading">
      <h2 id="create-ticket-heading" className="text-lg font-semibold">
        New ticket
      </h2>
      <form action={action} className="mt-3 grid gap-3" noValidate>
        <Field
          id="subject"
          name="subject"
          label="Subject"
          required
          maxLength={200}
          defaultValue={values.subject ?? ""}
          errors={errors}
          tone="soft"
        />
        <TextAreaField
          id="message"
          name="message"
          label="Message"
          required
          rows={4}
          maxLength={20_000}
          defaultValue={values.message ?? ""}
          errors={errors}
          tone="soft"
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create ticket"}
          </Button>
          {state.status === "error" && state.kind !== "validation" ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {state.message}
            </p>
          ) : null}
        </div>
      </form>
      {state.status === "saved" ? (
        <div className="mt-3">
          <WriteStatus
            key={`${state.ticketId}:${state.version}`}
            ticketId={state.ticketId}
            version={state.version}
            label="Ticket created"
          />
        </div>
      ) : null}
    </Panel>
  );
}
