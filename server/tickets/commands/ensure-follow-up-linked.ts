import type { Collections } from "@/server/db/collections";
import { systemContext } from "@/server/tickets/commands/command-options";
import { linkFollowUp } from "@/server/tickets/commands/link-follow-up";
import type { TicketDocument } from "@/server/tickets/write-model";

const LINKER = { id: "system:projector", name: "Follow-up link" };

/**
 * Completes a follow-up whose creator stopped between its two writes: the follow-up exists, but
 * the closed ticket does not list it yet. Run by the projector for every follow-up it projects,
 * before it clears the marker, so the link is made at least once; the link command is a no-op
 * when it is there.
 */
export async function ensureFollowUpLinked(cols: Collections, ticket: TicketDocument) {
  if (!ticket.followUpOf) return;
  const followUpId = ticket._id.toHexString();
  const original = await cols.tickets.findOne(
    { _id: ticket.followUpOf as unknown as TicketDocument["_id"] },
    { projection: { followUps: 1 } },
  );
  if (!original || original.followUps.includes(followUpId)) return;
  await linkFollowUp(ticket.followUpOf, followUpId, systemContext(LINKER));
}
