import { setTimeout as sleep } from "node:timers/promises";
import type { Collections } from "@/server/db/collections";
import { readModelsUnsettled } from "@/server/projections/project";
import type { Drift } from "@/server/read-models/read-model";
import { READ_MODELS } from "@/server/read-models/registry";

export interface VerifyReport {
  /** Tickets in the write model, each compared with its read documents. */
  tickets: number;
  /** Tickets still marked dirty after the wait; their out-of-date read documents count as drift. */
  pending: number;
  drift: Drift[];
}

const BATCH_SIZE = 1_000;
const POLL_MS = 200;
const PROGRESS_EVERY = 500;

/** Waits until nothing but parked dead letters is left to project or settle, or the time is up. */
async function waitForQueue(cols: Collections, waitMs: number) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    // Looks for one live entry rather than counting: the answer is yes or no.
    const live =
      (await cols.projectionQueue.findOne({ dead: { $ne: true } }, { projection: { _id: 1 } })) !==
        null || (await readModelsUnsettled(cols));
    const left = deadline - Date.now();
    if (!live || left <= 0) return;
    await sleep(Math.min(POLL_MS, left));
  }
}

/**
 * Recomputes every read model from the write model and reports where they differ. It reads the
 * database only (it repairs nothing) and streams every collection; each read model keeps what
 * it needs per document (a fingerprint), never whole documents. Documents of tickets written
 * while it runs may show as drift: run it when the writes have settled, or give the queue time
 * to drain with `waitForQueueMs`.
 */
export async function verifyProjections(
  cols: Collections,
  options: { waitForQueueMs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<VerifyReport> {
  await waitForQueue(cols, options.waitForQueueMs ?? 30_000);
  const pending = await cols.tickets.countDocuments({ dirtySince: { $ne: null } });

  // The read models first, then the tickets: a read document never gets ahead of its ticket.
  const verifiers = [];
  for (const model of READ_MODELS) verifiers.push(await model.verifier(cols));

  // Only for progress. Not estimatedDocumentCount: its `count` command crashes the embedded
  // FerretDB 1.24 (nil pointer), which closes the connection.
  const total = await cols.tickets.countDocuments({});
  let tickets = 0;
  for await (const ticket of cols.tickets.find({}, { batchSize: BATCH_SIZE })) {
    for (const verifier of verifiers) await verifier.check(ticket);
    tickets++;
    if (tickets % PROGRESS_EVERY === 0) options.onProgress?.(tickets, Math.max(total, tickets));
  }
  options.onProgress?.(tickets, tickets);

  const drift: Drift[] = [];
  for (const verifier of verifiers) drift.push(...(await verifier.finish()));
  return { tickets, pending, drift };
}
