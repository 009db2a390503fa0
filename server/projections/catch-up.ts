import type { Collections } from "@/server/db/collections";
import { projectBatch } from "@/server/projections/project-batch";
import type { TicketDocument } from "@/server/tickets/write-model";

/**
 * Projects every ticket still marked dirty, in batches, into the given (active) generation, then
 * clears each marker with a filter on the version it projected, exactly like the projector: a
 * command that lands meanwhile keeps its ticket marked for the projector. One streamed pass over
 * the write model; for a backlog of thousands (after a seed or an outage) this is far faster
 * than the projector's ticket-at-a-time loop. Queue entries are left to the projector, which
 * drops those whose ticket is no longer marked.
 */
export async function catchUp(
  cols: Collections,
  options: { batchSize?: number; onProgress?: (projected: number, total: number) => void } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  // Not estimatedDocumentCount: it crashes the embedded database's connection (FerretDB 1.24).
  const total = await cols.tickets.countDocuments({ dirtySince: { $ne: null } });
  let projected = 0;
  let batch: TicketDocument[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await projectBatch(cols, batch, new Date(), { sync: true });
    // One update per ticket, not one bulkWrite: FerretDB 1.24 grinds on an update command of
    // many statements (measured: 50 took 8 s, 100+ never returned), while a single
    // {_id, version} update takes a few milliseconds.
    await Promise.all(
      batch.map((t) =>
        cols.tickets.updateOne(
          { _id: t._id, version: t.version },
          { $set: { dirtySince: null, projectedVersion: t.version } },
        ),
      ),
    );
    projected += batch.length;
    batch = [];
    options.onProgress?.(projected, Math.max(total, projected));
  };
  for await (const ticket of cols.tickets
    .find({ dirtySince: { $ne: null } })
    .batchSize(batchSize)) {
    batch.push(ticket);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return projected;
}
