import type { Collections } from "@/server/db/collections";
import { chunks } from "@/server/projections/chunks";
import { projectTickets, settleReadModels } from "@/server/projections/project";
import type { TicketDocument } from "@/server/tickets/write-model";

/**
 * Projects every ticket still marked dirty, in batches, into the given (active) generation, then
 * clears each marker with a filter on the version it projected, exactly like the projector: a
 * command that lands meanwhile keeps its ticket marked for the projector. One streamed pass over
 * the write model; for a backlog of thousands (after a seed or an outage) this is far faster
 * than the projector's ticket-at-a-time loop. Queue entries are left to the projector, which
 * drops those whose ticket is no longer marked.
 */
export async function projectBacklog(
  cols: Collections,
  options: { batchSize?: number; onProgress?: (projected: number, total: number) => void } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 5_000;
  await settleReadModels(cols); // whatever an earlier pass or projector left unsettled
  // Not estimatedDocumentCount: it crashes the embedded database's connection (FerretDB 1.24).
  const total = await cols.tickets.countDocuments({ dirtySince: { $ne: null } });
  let projected = 0;
  let batch: TicketDocument[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await projectTickets(cols, batch, new Date());
    // One update per version (an update of many documents is one write on the embedded
    // database), each filtered on that version.
    const byVersion = new Map<number, TicketDocument["_id"][]>();
    for (const t of batch) byVersion.set(t.version, [...(byVersion.get(t.version) ?? []), t._id]);
    for (const [version, ids] of byVersion) {
      for (const chunk of chunks(ids)) {
        await cols.tickets.updateMany(
          { _id: { $in: chunk }, version },
          { $set: { dirtySince: null, projectedVersion: version } },
        );
      }
    }
    projected += batch.length;
    batch = [];
    options.onProgress?.(projected, Math.max(total, projected));
  };
  for await (const ticket of cols.tickets
    .find({ dirtySince: { $ne: null } })
    .batchSize(Math.min(batchSize, 1_000))) {
    batch.push(ticket);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return projected;
}
