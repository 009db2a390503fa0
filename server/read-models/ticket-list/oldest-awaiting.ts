import "server-only";
import { ObjectId } from "mongodb";
import { getCollections } from "@/server/db/client";
import { ticketListCollections } from "@/server/read-models/ticket-list/collections";
import { facetRange, parseListKey, WAITING_FACET } from "@/server/read-models/ticket-list/keys";

const FIRST_ROUND = 8;
const MAX_ROUND = 1_000;

/**
 * The ticket that has waited longest for a reply: the first live key of the awaiting facet,
 * which is ordered by when the customer wrote (keys.ts). A key is live while the row is at its
 * version; older ones (a ticket answered since) are skipped, and deleted like the list's.
 * Null when nobody is waiting.
 */
export async function oldestAwaitingReply(): Promise<{ ticketId: string; since: Date } | null> {
  const { rows, keys } = ticketListCollections(await getCollections());
  const range = facetRange(WAITING_FACET);
  let after = range.$gt;
  const dead: string[] = [];
  try {
    for (let round = FIRST_ROUND; ; round = Math.min(round * 2, MAX_ROUND)) {
      const taken = await keys
        .find({ _id: { $gt: after, $lt: range.$lt } }, { projection: { _id: 1 } })
        .sort({ _id: 1 })
        .limit(round)
        .toArray();
      if (taken.length === 0) return null;
      after = taken.at(-1)!._id;
      const parsed = taken.map((k) => ({ id: k._id, ...parseListKey(k._id) }));
      const versions = new Map(
        (
          await rows
            .find(
              {
                _id: {
                  $in: [...new Set(parsed.map((k) => k.ticketId))].map((id) => new ObjectId(id)),
                },
              },
              { projection: { version: 1, lastMessageAt: 1, awaitingReply: 1 } },
            )
            .toArray()
        ).map((r) => [r._id.toHexString(), r]),
      );
      for (const key of parsed) {
        const row = versions.get(key.ticketId);
        if (row && row.version === key.version && row.awaitingReply)
          return { ticketId: key.ticketId, since: row.lastMessageAt };
        if (row && row.version > key.version) dead.push(key.id);
      }
      if (taken.length < round) return null;
    }
  } finally {
    if (dead.length > 0) void keys.deleteMany({ _id: { $in: dead } }).catch(() => undefined);
  }
}
