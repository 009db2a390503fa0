import type { CommandContext, TicketState } from "@/server/tickets/domain/types";
import type { CommandResult } from "@/server/tickets/commands/command-options";
import { runTicketCommand, type Decision } from "@/server/tickets/commands/run-ticket-command";

/** Links a closed ticket to its follow-up, once. Allowed on closed tickets: it is the link. */
export function decideLinkFollowUp(state: TicketState, followUpId: string): Decision {
  if (state.followUps.includes(followUpId)) return null;
  return { type: "FollowUpCreated", followUpId };
}

export function linkFollowUp(
  ticketId: string,
  followUpId: string,
  ctx: CommandContext,
): Promise<CommandResult> {
  return runTicketCommand(
    "LinkFollowUp",
    ticketId,
    { followUpId },
    (state) => decideLinkFollowUp(state, followUpId),
    { ctx },
  );
}
