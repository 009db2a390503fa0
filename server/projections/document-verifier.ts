import type { Collection, Filter, ObjectId } from "mongodb";
import { fingerprint } from "@/server/projections/fingerprint";
import type { Drift, Verifier } from "@/server/read-models/read-model";
import type { TicketDocument } from "@/server/tickets/write-model";

const BATCH_SIZE = 1_000;

/** What is kept per read document: enough to classify it, small enough for millions of them. */
interface Seen {
  version: number;
  fingerprint: string;
}

/** A verifier that can also say whether the ticket's document was right. */
export interface DocumentVerifier extends Verifier {
  matches(ticket: TicketDocument): Promise<boolean>;
}

/**
 * Verifies a read model that keeps one document per ticket: streams the collection into
 * id → fingerprint first (whole documents are never held), then compares each ticket's expected
 * document. A read document never gets ahead of its ticket, so a ticket written meanwhile can
 * only show as missing or stale, while "wrong" and "extra" always mean real disagreement.
 */
export async function documentVerifier<T extends { _id: ObjectId; version: number }>(
  readModel: string,
  collection: Collection<T>,
  expected: (ticket: TicketDocument, projectedAt: Date) => T,
): Promise<DocumentVerifier> {
  const stored = new Map<string, Seen>();
  for await (const doc of collection.find({} as Filter<T>, { batchSize: BATCH_SIZE })) {
    stored.set(doc._id.toHexString(), { version: doc.version, fingerprint: fingerprint(doc) });
  }
  const drift: Drift[] = [];
  // Any date will do: projectedAt is left out of every fingerprint.
  const projectedAt = new Date(0);
  const matches = (ticket: TicketDocument) => {
    const ticketId = ticket._id.toHexString();
    const found = stored.get(ticketId);
    stored.delete(ticketId);
    const { version } = ticket;
    const print = fingerprint(expected(ticket, projectedAt));
    if (found?.version === version && found.fingerprint === print) return Promise.resolve(true);
    const detail = !found
      ? {
          kind: "missing" as const,
          detail: `no document; the write model is at version ${version}`,
        }
      : found.version < version
        ? {
            kind: "stale" as const,
            detail: `at version ${found.version}; the write model is at version ${version}`,
          }
        : found.version > version
          ? {
              kind: "wrong" as const,
              detail: `at version ${found.version}, ahead of the write model at version ${version}`,
            }
          : {
              kind: "wrong" as const,
              detail: `version ${version} differs from what the write model projects`,
            };
    drift.push({ readModel, ticketId, ...detail });
    return Promise.resolve(false);
  };
  return {
    matches,
    check: async (ticket) => {
      await matches(ticket);
    },
    finish() {
      for (const ticketId of stored.keys()) {
        drift.push({
          readModel,
          kind: "extra",
          ticketId,
          detail: "no ticket with this id in the write model",
        });
      }
      return Promise.resolve(drift);
    },
  };
}

/** The version held for each of these ids, by `_id` (one `$in` read). */
export async function versionsById<T extends { _id: ObjectId; version: number }>(
  collection: Collection<T>,
  ids: ObjectId[],
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  const found = collection.find({ _id: { $in: ids } } as Filter<T>, {
    projection: { version: 1 },
  });
  for await (const doc of found) versions.set(doc._id.toHexString(), doc.version);
  return versions;
}
