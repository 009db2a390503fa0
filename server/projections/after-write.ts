import type { ObjectId } from "mongodb";
import { getCollections } from "@/server/db/client";
import { enqueue } from "@/server/projections/queue";
import { nudge } from "@/server/projections/nudge";

/**
 * The ticket write already carries the projection marker, so the command is durable and owed a
 * projection whatever happens next. Queueing is the fast path to it; if it fails, the sweeper
 * finds the marker, so the command still succeeds.
 */
export async function afterTicketWrite(ticketId: ObjectId, now: Date): Promise<void> {
  try {
    const { projectionQueue } = await getCollections();
    await enqueue(projectionQueue, ticketId, now);
  } catch (error) {
    console.warn(
      `[projector] could not queue ${ticketId.toHexString()}; the sweeper will pick it up:`,
      error instanceof Error ? error.message : error,
    );
  }
  nudge(ticketId);
}
