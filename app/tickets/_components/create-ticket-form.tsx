"use client";

import { useActionState } from "react";
import { idleState } from "@/components/idle-state";
import { FieldError, fieldProps } from "@/components/field-error";
import { TextField } from "@/components/text-field";
import { WriteStatus } from "@/components/write-status";
import { createTicketAction } from "@/app/tickets/actions";

const input =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

export function CreateTicketForm() {
  const [state, action, pending] = useActionState(createTicketAction, idleState);
  const values = state.status === "error" ? state.values : {};
  const errors = state.status === "error" ? state.fieldErrors : {};

  return (
    <section
      aria-labelledby="create-ticket-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="create-ticket-heading" className="text-lg font-semibold">
        New ticket
      </h2>
      <form action={action} className="mt-3 grid gap-3" noValidate>
        <TextField
          id="subject"
          name="subject"
          label="Subject"
          required
          maxLength={200}
          defaultValue={values.subject ?? ""}
          errors={errors}
          className={input}
        />
        <div>
          <label htmlFor="message" className="text-sm font-medium">
            Message
          </label>
          <textarea
            id="message"
            name="message"
            required
            rows={4}
            maxLength={20_000}
            defaultValue={values.message ?? ""}
            className={input}
            {...fieldProps("message", errors)}
          />
          <FieldError name="message" errors={errors} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
          >
            {pending ? "Creating…" : "Create ticket"}
          </button>
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
    </section>
  );
}
