"use server";

import type { ActionState } from "@/server/http/action-state";
import { formAction } from "@/server/http/form-action";
import { createTicket, createTicketInput } from "@/server/tickets/commands/create-ticket";

const create = formAction(
  createTicketInput,
  (v) => ({
    subject: v.subject,
    message: v.message,
    customerEmail: v.customerEmail || undefined,
    priority: v.priority || undefined,
  }),
  createTicket,
);

export async function createTicketAction(previous: ActionState, formData: FormData) {
  return create(previous, formData);
}
