"use server";

import type { ActionState } from "@/server/http/action-state";
import { commandAction } from "@/server/http/command-action";
import { addNote, addNoteInput } from "@/server/tickets/commands/add-note";
import { assignAgent, assignAgentInput } from "@/server/tickets/commands/assign-agent";
import { changeStatus, changeStatusInput } from "@/server/tickets/commands/change-status";
import { changeTags, changeTagsInput } from "@/server/tickets/commands/change-tags";
import { personIdOf } from "@/server/tickets/domain/conversation";
import { sendReply, sendReplyInput } from "@/server/tickets/commands/send-reply";
import { setPriority, setPriorityInput } from "@/server/tickets/commands/set-priority";

// Every form on the ticket page sends the version it was showing; a missing one is refused by
// the schema (NaN is not a number), never silently treated as "no check".
const versionOf = (values: Record<string, string>) => Number(values.expectedVersion ?? NaN);

// The ticket id is bound on the client, so it is untrusted input: the commands refuse a
// malformed or unknown id as "not found".
const status = (ticketId: string) =>
  commandAction({
    schema: changeStatusInput,
    input: (v) => ({ status: v.status, expectedVersion: versionOf(v) }),
    command: (input, options) => changeStatus(ticketId, input, options),
  });

const priority = (ticketId: string) =>
  commandAction({
    schema: setPriorityInput,
    input: (v) => ({ priority: v.priority, expectedVersion: versionOf(v) }),
    command: (input, options) => setPriority(ticketId, input, options),
  });

const note = (ticketId: string) =>
  commandAction({
    schema: addNoteInput,
    input: (v) => ({ body: v.body ?? "", expectedVersion: versionOf(v) }),
    command: (input, options) => addNote(ticketId, input, options),
  });

const reply = (ticketId: string) =>
  commandAction({
    schema: sendReplyInput,
    input: (v) => ({ body: v.body ?? "", expectedVersion: versionOf(v) }),
    command: (input, options) => sendReply(ticketId, input, options),
  });

/** Tags typed into one field, separated by commas or spaces. */
const tagsIn = (text: string | undefined) => (text ?? "").split(/[\s,]+/).filter(Boolean);

const tags = (ticketId: string) =>
  commandAction({
    schema: changeTagsInput,
    input: (v) => ({
      add: v.remove ? [] : tagsIn(v.add),
      remove: v.remove ? [v.remove] : [],
      expectedVersion: versionOf(v),
    }),
    command: (input, options) => changeTags(ticketId, input, options),
  });

// "Assign to me" is resolved here, from the signed-in person, not from what the browser claims.
// Anyone else is chosen by id from the people directory (the type-ahead), never by a typed name.
const assignee = (ticketId: string) =>
  commandAction({
    schema: assignAgentInput,
    input: (v, actor) => ({
      assigneeId:
        v.intent === "unassign"
          ? null
          : v.intent === "me"
            ? (personIdOf(actor.id) ?? "")
            : (v.assigneeId ?? ""),
      expectedVersion: versionOf(v),
    }),
    command: (input, options) => assignAgent(ticketId, input, options),
  });

export async function changeStatusAction(ticketId: string, previous: ActionState, form: FormData) {
  return status(ticketId)(previous, form);
}

export async function setPriorityAction(ticketId: string, previous: ActionState, form: FormData) {
  return priority(ticketId)(previous, form);
}

export async function addNoteAction(ticketId: string, previous: ActionState, form: FormData) {
  return note(ticketId)(previous, form);
}

export async function assignAgentAction(ticketId: string, previous: ActionState, form: FormData) {
  return assignee(ticketId)(previous, form);
}

export async function sendReplyAction(ticketId: string, previous: ActionState, form: FormData) {
  return reply(ticketId)(previous, form);
}

export async function changeTagsAction(ticketId: string, previous: ActionState, form: FormData) {
  return tags(ticketId)(previous, form);
}
