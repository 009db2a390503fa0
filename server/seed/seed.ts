import { ObjectId } from "mongodb";
import type { Collections } from "@/server/db/collections";
import { generateTicket } from "@/server/seed/generate";
import { SEED_ACTOR, seededTicketDocument } from "@/server/seed/ticket-document";
import type { Actor } from "@/server/tickets/domain/types";
import type { MessageDocument, TicketDocument } from "@/server/tickets/write-model";
import { ensureSeedPeople } from "@/server/seed/seed-people";

export interface SeedOptions {
  count: number;
  seed: number;
  /** Tickets per insertMany. */
  batchSize?: number;
  /** Generated times lie in the 90 days before this. */
  now?: Date;
  /** Where in the seed's sequence to start (ticket `start` is the first written). */
  start?: number;
  actor?: Actor;
  onProgress?: (inserted: number, total: number) => void;
}

const newId = () => new ObjectId().toHexString();

/**
 * Adds `count` generated tickets to the write model, each exactly as its command handlers would
 * have left it (marked for projection, like any write), in unordered batches. Streams: one batch
 * is built while the previous one is being inserted, so memory holds at most two batches.
 * The read models catch up afterwards (the projector, or `projectBacklog`).
 */
export async function seedTickets(
  cols: Pick<Collections, "tickets" | "messages" | "users">,
  options: SeedOptions,
): Promise<number> {
  const { count, seed, batchSize = 1_000, now = new Date(), start = 0 } = options;
  const actor = options.actor ?? SEED_ACTOR;
  const people = await ensureSeedPeople(cols);
  let inserted = 0;
  let pending: Promise<void> = Promise.resolve();
  for (let from = 0; from < count; from += batchSize) {
    const docs: TicketDocument[] = [];
    const messages: MessageDocument[] = [];
    for (let i = from; i < Math.min(count, from + batchSize); i++) {
      const generated = generateTicket(seed, start + i, now);
      const seeded = seededTicketDocument(generated, { _id: new ObjectId(), newId }, people, actor);
      docs.push(seeded.ticket);
      messages.push(...seeded.messages);
    }
    await pending;
    // Bodies first, as the commands write them: a ticket never lists a message that is not there.
    if (messages.length > 0) await cols.messages.insertMany(messages, { ordered: false });
    pending = cols.tickets.insertMany(docs, { ordered: false }).then((result) => {
      inserted += result.insertedCount;
      options.onProgress?.(inserted, count);
    });
  }
  await pending;
  return inserted;
}
