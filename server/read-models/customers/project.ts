import type { Filter } from "mongodb";
import type { ReadTarget } from "@/server/db/generations";
import { isDuplicateKey } from "@/server/db/errors";
import { insertMissing, insertOrUpsert } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { writeIfNewer } from "@/server/projections/version-guard";
import {
  customerCollections,
  type CustomerCollections,
} from "@/server/read-models/customers/collections";
import {
  customerKeyId,
  customerTicketRange,
  summarize,
  toCustomerTicketDocument,
  type CustomerDocument,
  type CustomerTicketDocument,
} from "@/server/read-models/customers/document";
import type { TicketDocument } from "@/server/tickets/write-model";

/** A summary write loses a race at most this often in a row before the projection is retried. */
const ATTEMPTS = 20;

const sameTokens = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * Rewrites one customer's summary from their ticket documents, read after this projection wrote
 * its own. Why the result is exact with several projectors (docs/architecture.md, "Customers"):
 * the summary's version is the sum of its tickets' versions, which only grow, and whichever
 * projector wrote the last change reads all of it; a summary is written only over an older one.
 *
 * Search keys carry the summary version they were written at (`keysVersion`), and a summary
 * keeps the keys it found only if nobody changed them meanwhile (the filter on `keysVersion`):
 * so the live keys always exist before the summary that points at them, and the keys deleted
 * (older than the live ones) can never become live again.
 */
async function refreshCustomer(cols: CustomerCollections, email: string, now: Date) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await cols.customers.findOne(
      { _id: email },
      { projection: { version: 1, tokens: 1, keysVersion: 1 } },
    );
    const tickets = await cols.tickets
      .find(
        { _id: customerTicketRange(email) },
        { projection: { name: 1, status: 1, createdAt: 1, lastContactAt: 1, version: 1 } },
      )
      .toArray();
    if (tickets.length === 0) return;
    const summary = summarize(email, tickets, now);
    if (stored && stored.version >= summary.version) return;

    const keep = stored !== null && sameTokens(stored.tokens, summary.tokens);
    const keysVersion = keep ? stored.keysVersion : summary.version;
    if (!keep) {
      await insertMissing(
        cols.keys,
        summary.tokens.map((t) => ({ _id: customerKeyId(t, email, keysVersion) })),
      );
    }
    const { _id, ...fields } = summary;
    const filter: Filter<CustomerDocument> = {
      _id,
      version: { $lt: summary.version },
      ...(stored && { keysVersion: stored.keysVersion }),
    };
    try {
      await cols.customers.updateOne(
        filter,
        { $set: { ...fields, keysVersion } },
        { upsert: true },
      );
    } catch (error) {
      // Nothing matched: a newer summary is there (done), or the keys changed (read again).
      if (!isDuplicateKey(error)) throw error;
      continue;
    }
    if (stored && !keep) {
      await cols.keys.deleteMany({
        _id: { $in: stored.tokens.map((t) => customerKeyId(t, email, stored.keysVersion)) },
      });
    }
    return;
  }
  throw new Error(`customer ${email}: the summary lost ${ATTEMPTS} races in a row`);
}

/** Brings the customers of these tickets up to the tickets' versions. */
export async function projectCustomers(
  target: ReadTarget,
  tickets: readonly TicketDocument[],
  now: Date,
) {
  const cols = customerCollections(target);
  const docs = tickets
    .map((t) => toCustomerTicketDocument(t, now))
    .filter((d): d is CustomerTicketDocument => d !== null);
  if (docs.length === 0) return;
  if (docs.length === 1) await writeIfNewer(cols.tickets, docs[0]!);
  else {
    // Only documents that are missing or older: a statement that changes nothing is an error on
    // the embedded database (the guarded upsert collides), and costs a write everywhere.
    const stored = new Map<string, number>();
    for (const chunk of chunks(docs)) {
      const found = cols.tickets.find(
        { _id: { $in: chunk.map((d) => d._id) } },
        { projection: { version: 1 } },
      );
      for await (const doc of found) stored.set(doc._id, doc.version);
    }
    await insertOrUpsert(
      cols.tickets,
      docs.filter((d) => (stored.get(d._id) ?? 0) < d.version),
    );
  }
  for (const email of new Set(docs.map((d) => d.email))) await refreshCustomer(cols, email, now);
}
