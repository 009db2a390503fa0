import { z } from "zod";
import { actorAuthor, newEntry } from "@/server/tickets/domain/conversation";
import { ValidationError } from "@/server/tickets/domain/errors";
import { expectedVersionSchema, noteBodySchema } from "@/server/tickets/domain/schemas";
import type { CommandContext, TicketState } from "@/server/tickets/domain/types";
import type { CommandOptions, CommandResult } from "@/server/tickets/commands/command-options";
import { runTicketCommand, type Decision } from "@/server/tickets/commands/run-ticket-command";

export const addNoteInput = z.strictObject({
  body: noteBodySchema,
  expectedVersion: expectedVersionSchema.optional(),
});
export type AddNoteInput = z.infer<typeof addNoteInput>;

/** Internal notes on one ticket, at most. */
export const NOTE_LIMIT = 1_000;

/**
 * Notes are allowed on closed tickets too: agents record follow-ups ("customer confirmed the
 * fix") after closing, and a note changes nothing about the resolution.
 */
export function decideAddNote(state: TicketState, body: string, ctx: CommandContext): Decision {
  if (state.noteCount >= NOTE_LIMIT) {
    return new ValidationError(
      `This ticket already has ${NOTE_LIMIT} notes, the most it can hold.`,
      {
        body: [`A ticket holds at most ${NOTE_LIMIT} notes.`],
      },
    );
  }
  const entry = newEntry(state, ctx, "note", body, actorAuthor(ctx));
  return entry instanceof ValidationError ? entry : { type: "NoteAdded", entry };
}

export function addNote(
  ticketId: string,
  input: AddNoteInput,
  options: CommandOptions,
): Promise<CommandResult> {
  return runTicketCommand(
    "AddNote",
    ticketId,
    { body: input.body },
    (state, ctx) => decideAddNote(state, input.body, ctx),
    { ...options, expectedVersion: input.expectedVersion ?? options.expectedVersion },
  );
}
