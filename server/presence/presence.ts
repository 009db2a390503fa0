// Who else has a ticket open, and who is typing a reply: ephemeral, never in the ticket's
// history, the event feed or webhooks. One small document per ticket and person, refreshed by
// the page's heartbeat; a ticket's documents are read as one `_id` range (`<ticket>|…`), which
// the embedded database answers from its `_id` index.
import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { COLLECTIONS } from "@/server/db/collections";
import type { Actor } from "@/server/tickets/domain/types";

interface PresenceDocument {
  _id: string;
  ticketId: string;
  actorId: string;
  name: string;
  typing: boolean;
  at: Date;
}

/** A page that sent no heartbeat for this long is gone (it beats every 1.5 s while open). */
export const PRESENCE_STALE_MS = 10_000;

export const presenceInput = z.strictObject({
  typing: z.boolean({ error: "typing must be true or false." }).default(false),
  /** The page is closing: it leaves at once instead of going stale. */
  leaving: z.boolean({ error: "leaving must be true or false." }).default(false),
});

export const presenceAnswerSchema = z
  .object({
    viewers: z.array(
      z.object({
        name: z.string(),
        typing: z.boolean().meta({ description: "Typing a reply now" }),
        at: z.string().meta({ description: "Their last heartbeat" }),
      }),
    ),
  })
  .meta({ id: "Presence" });
type Viewer = z.infer<typeof presenceAnswerSchema>["viewers"][number];

const collection = async () => (await getDb()).collection<PresenceDocument>(COLLECTIONS.presence);
const rangeOf = (ticketId: string) => ({ $gt: `${ticketId}|`, $lt: `${ticketId}|\uffff` });

/**
 * Records that `actor` has the ticket open (typing or not), or has left it, and answers who
 * else is there now. Stale documents of the ticket are deleted on the way.
 */
export async function heartbeat(
  ticketId: string,
  actor: Actor,
  input: z.infer<typeof presenceInput>,
  now = new Date(),
): Promise<{ viewers: Viewer[] }> {
  const presence = await collection();
  const _id = `${ticketId}|${actor.id}`;
  if (input.leaving) await presence.deleteOne({ _id });
  else
    await presence.updateOne(
      { _id },
      { $set: { ticketId, actorId: actor.id, name: actor.name, typing: input.typing, at: now } },
      { upsert: true },
    );
  const here = await presence
    .find({ _id: rangeOf(ticketId) })
    .sort({ _id: 1 })
    .limit(100)
    .toArray();
  const stale = here.filter((p) => now.getTime() - p.at.getTime() > PRESENCE_STALE_MS);
  if (stale.length > 0) await presence.deleteMany({ _id: { $in: stale.map((p) => p._id) } });
  return {
    viewers: here
      .filter((p) => p.actorId !== actor.id && !stale.includes(p))
      .map((p) => ({ name: p.name, typing: p.typing, at: p.at.toISOString() })),
  };
}
