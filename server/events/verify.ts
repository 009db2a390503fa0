// projections:verify for the event feed: positions without a hole from the start to the visible
// mark, each ticket's events consecutive and in version order, every history entry in it, and
// the feed at each ticket's version.
import type { Db } from "mongodb";
import { FEED_TYPES } from "@/server/events/event";
import { feedCollections } from "@/server/events/collections";
import { readSequence } from "@/server/events/sequence";
import type { Drift, Verifier } from "@/server/read-models/read-model";
import type { TicketDocument } from "@/server/tickets/write-model";

const NAME = "event feed";

export async function feedVerifier(db: Db): Promise<Verifier> {
  const cols = feedCollections(db);
  const drift: Drift[] = [];
  const sequence = await readSequence(db);
  if (sequence.pending !== null || (await cols.inbox.countDocuments({})) > 0) {
    drift.push({
      readModel: NAME,
      kind: "stale",
      detail: "staged events are waiting for a position",
    });
  }
  const perTicket = new Map<string, { version: number; type: string }[]>();
  let expected = sequence.start;
  for await (const e of cols.events.find({}, { projection: { json: 0 } }).sort({ _id: 1 })) {
    if (e.position < sequence.start) continue; // a prune's leftover, never read
    if (e.position > sequence.visible) {
      drift.push({
        readModel: NAME,
        kind: "extra",
        detail: `position ${e.position} is past the visible mark ${sequence.visible}`,
      });
      continue;
    }
    if (e.position !== expected)
      drift.push({
        readModel: NAME,
        kind: "missing",
        detail: `positions ${expected}–${e.position - 1} are missing`,
      });
    expected = e.position + 1;
    perTicket.set(e.ticketId, [
      ...(perTicket.get(e.ticketId) ?? []),
      { version: e.version, type: e.type },
    ]);
  }
  if (expected !== sequence.visible + 1 && sequence.visible >= sequence.start)
    drift.push({
      readModel: NAME,
      kind: "missing",
      detail: `positions ${expected}–${sequence.visible} are missing`,
    });
  const fed = new Map<string, number>();
  for await (const t of cols.tickets.find({})) fed.set(t._id, t.version);
  const seen = new Set<string>();

  return {
    check(ticket: TicketDocument) {
      const id = ticket._id.toHexString();
      seen.add(id);
      const events = perTicket.get(id) ?? [];
      const wrong = (detail: string) =>
        drift.push({ readModel: NAME, kind: "wrong", ticketId: id, detail });
      const has = fed.get(id) ?? 0;
      if (has !== ticket.version) {
        drift.push({
          readModel: NAME,
          kind:
            has === 0 && events.length === 0 ? "missing" : has < ticket.version ? "stale" : "wrong",
          ticketId: id,
          detail: `the feed has version ${has} of ${ticket.version}`,
        });
        return Promise.resolve();
      }
      const first = events[0]?.version;
      if (first === undefined) {
        if (sequence.start === 1) wrong("no event of this ticket");
        return Promise.resolve();
      }
      events.forEach((e, i) => {
        if (e.version !== first + i)
          wrong(`event ${i + 1} of the ticket is version ${e.version}, not ${first + i}`);
      });
      if (events.at(-1)!.version !== ticket.version)
        wrong(
          `the last event is version ${events.at(-1)!.version}, the ticket is at ${ticket.version}`,
        );
      const oldest = Math.min(...ticket.history.map((h) => h.version));
      if (sequence.start === 1 && first > oldest)
        wrong(`history from version ${oldest} but the feed starts at ${first}`);
      for (const h of ticket.history) {
        const e = events[h.version - first];
        if (e && e.type !== FEED_TYPES[h.type])
          wrong(`version ${h.version} is ${e.type}, not ${FEED_TYPES[h.type]}`);
      }
      return Promise.resolve();
    },
    finish() {
      for (const id of perTicket.keys())
        if (!seen.has(id))
          drift.push({
            readModel: NAME,
            kind: "extra",
            ticketId: id,
            detail: "events of a ticket that does not exist",
          });
      return Promise.resolve(drift);
    },
  };
}
