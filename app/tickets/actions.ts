"use server";

import type { ActionState } from "@/server/http/action-state";
import { commandAction } from "@/server/http/command-action";
import { createTicket, createTicketInput } from "@/server/tickets/commands/create-ticket";

const create = commandAction({
  schema: createTicketInput,
  input: (v) => ({
    subject: v.subject,
    message: v.message,
    customerEmail: v.customerEmail || undefined,
    priority: v.priority || undefined,
  }),
  command: createTicket,
});

export async function createTicketAction(previous: ActionState, formData: FormData) {
  return create(previous, formData);
}
