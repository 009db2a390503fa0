// The projection's feed step: every version of the ticket the feed does not have yet goes to the
// inbox as a finished event (body included), before the projector clears the ticket's marker.
import type { Db } from "mongodb";
import { feedEventOf, messageIdOf } from "@/server/events/event";
import { feedCollections, inboxId, type EventInboxDocument } from "@/server/events/collections";
import { insertMissing } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { readBodies } from "@/server/tickets/message-bodies";
import { messageDocumentId, type TicketDocument } from "@/server/tickets/write-model";

/** Per ticket, the last version the feed has given a position (0: none). */
export async function fedVersions(db: Db, ticketIds: string[]): Promise<Map<string, number>> {
  const { tickets } = feedCollections(db);
  const fed = new Map<string, number>();
  for (const chunk of chunks([...new Set(ticketIds)])) {
    for await (const doc of tickets.find({ _id: { $in: chunk } })) fed.set(doc._id, doc.version);
  }
  return fed;
}

/**
 * Stages the events of every version of these tickets after the last one the feed has. Each
 * comes from the ticket's history entry: commands keep every entry the projector has not
 * projected yet (runTicketCommand), so none is missing; a ticket from before the feed whose
 * history was already trimmed starts at its oldest kept entry (`prev` says so). Idempotent:
 * an inbox document is written once, and versions the feed has are not staged again.
 */
export async function stageEvents(db: Db, tickets: TicketDocument[]): Promise<void> {
  const fed = await fedVersions(
    db,
    tickets.map((t) => t._id.toHexString()),
  );
  const owed = tickets
    .map((ticket) => {
      const from = fed.get(ticket._id.toHexString()) ?? 0;
      const entries = ticket.history
        .filter((entry) => entry.version > from)
        .sort((a, b) => a.version - b.version);
      return { ticket, from, entries };
    })
    .filter((t) => t.entries.length > 0);
  if (owed.length === 0) return;

  const bodies = await readBodies(
    db,
    owed.flatMap(({ ticket, entries }) =>
      entries.flatMap((e) => {
        const id = messageIdOf(e);
        return id ? [messageDocumentId(ticket._id.toHexString(), id)] : [];
      }),
    ),
  );
  const docs: EventInboxDocument[] = owed.flatMap(({ ticket, from, entries }) => {
    const ticketId = ticket._id.toHexString();
    let prev = from;
    return entries.map((entry) => {
      const messageId = messageIdOf(entry);
      const body = messageId ? bodies.get(messageDocumentId(ticketId, messageId)) : null;
      if (body === undefined)
        throw new Error(`message ${ticketId}:${messageId} is listed but missing`);
      const doc: EventInboxDocument = {
        _id: inboxId(ticketId, entry.version),
        ticketId,
        version: entry.version,
        prev,
        at: entry.at,
        json: JSON.stringify(feedEventOf(ticket, entry, body)),
      };
      prev = entry.version;
      return doc;
    });
  });
  await insertMissing(feedCollections(db).inbox, docs);
}
