import { z } from "zod";
import { ValidationError } from "@/server/tickets/domain/errors";
import { expectedVersionSchema, MAX_TAGS, tagListSchema } from "@/server/tickets/domain/schemas";
import type { TicketState } from "@/server/tickets/domain/types";
import type { CommandOptions, CommandResult } from "@/server/tickets/commands/command-options";
import { runTicketCommand, type Decision } from "@/server/tickets/commands/run-ticket-command";

export const changeTagsInput = z
  .strictObject({
    add: tagListSchema.default([]),
    remove: tagListSchema.default([]),
    expectedVersion: expectedVersionSchema.optional(),
  })
  .refine((input) => input.add.length + input.remove.length > 0, {
    error: "Give tags to add or to remove.",
    path: ["add"],
  });
export type ChangeTagsInput = z.infer<typeof changeTagsInput>;

/**
 * Adds and removes tags; a tag both added and removed is added. Tags are allowed on closed
 * tickets: reporting groups resolved work by them too.
 */
export function decideChangeTags(
  state: TicketState,
  change: { add: string[]; remove: string[] },
): Decision {
  const removed = change.remove.filter((t) => state.tags.includes(t) && !change.add.includes(t));
  const added = change.add.filter((t) => !state.tags.includes(t));
  if (added.length === 0 && removed.length === 0) return null;
  if (state.tags.length - removed.length + added.length > MAX_TAGS) {
    return new ValidationError(`A ticket has at most ${MAX_TAGS} tags.`, {
      add: [`A ticket has at most ${MAX_TAGS} tags; remove some first.`],
    });
  }
  return { type: "TagsChanged", added, removed };
}

export function changeTags(
  ticketId: string,
  input: ChangeTagsInput,
  options: CommandOptions,
): Promise<CommandResult> {
  const change = { add: input.add, remove: input.remove };
  return runTicketCommand(
    "ChangeTags",
    ticketId,
    change,
    (state) => decideChangeTags(state, change),
    {
      ...options,
      expectedVersion: input.expectedVersion ?? options.expectedVersion,
    },
  );
}
