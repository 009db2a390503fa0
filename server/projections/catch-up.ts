import type { AnyBulkWriteOperation } from "mongodb";
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
    const clear: AnyBulkWriteOperation<TicketDocument>[] = batch.map((t) => ({
      updateOne: {
        filter: { _id: t._id, version: t.version },
        update: { $set: { dirtySince: null, projectedVersion: t.version } },
      },
    }));
    await cols.tickets.bulkWrite(clear, { ordered: false });
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
