import "server-only";
import type { z } from "zod";
import { idempotencyOf, readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import {
  systemContext,
  type CommandOptions,
  type CommandResult,
} from "@/server/tickets/commands/command-options";
import { parseTicketId } from "@/server/tickets/ticket-id";

/**
 * A route handler for a command on one ticket: a malformed id is a 404 before anything else,
 * then the JSON body is validated by the command's own schema and the command runs.
 */
export function commandRoute<S extends z.ZodType>(
  schema: S,
  run: (ticketId: string, input: z.infer<S>, options: CommandOptions) => Promise<CommandResult>,
) {
  return route<{ ticketId: string }>("write", async ({ request, params, actor }) => {
    parseTicketId(params.ticketId);
    const input = await readJsonBody(request, schema);
    const result = await run(params.ticketId, input, {
      ctx: systemContext(actor),
      idempotency: idempotencyOf(request, actor),
    });
    return Response.json(result);
  });
}
