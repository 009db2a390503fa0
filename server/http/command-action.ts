import "server-only";
import type { z } from "zod";
import type { ActionState, CommandSaved } from "@/server/http/action-state";
import { formAction, type FormValues } from "@/server/http/form-action";
import {
  systemContext,
  type CommandOptions,
  type CommandResult,
} from "@/server/tickets/commands/command-options";
import type { Actor } from "@/server/tickets/domain/types";

interface CommandSpec<Schema extends z.ZodType> {
  schema: Schema;
  /** The form's fields as the command's schema takes them. */
  input: (values: FormValues, actor: Actor) => unknown;
  command: (input: z.output<Schema>, options: CommandOptions) => Promise<CommandResult>;
}

/**
 * A ticket command behind a form (`formAction` with write access): runs it as the signed-in
 * person and returns the version it wrote, the consistency token the form waits for.
 */
export function commandAction<Schema extends z.ZodType>({
  schema,
  input,
  command,
}: CommandSpec<Schema>): (previous: ActionState, formData: FormData) => Promise<ActionState> {
  return formAction({
    access: "write",
    schema,
    input: (values, { actor }) => input(values, actor),
    run: async (parsed, { actor }): Promise<CommandSaved> => {
      const ctx = systemContext(actor);
      const result = await command(parsed, { ctx });
      return { status: "saved", ...result, savedAt: ctx.now.toISOString() };
    },
  });
}
