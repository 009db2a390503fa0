import { createHash } from "node:crypto";
import type { Collections } from "@/server/db/collections";
import { SUMMARY_ID } from "@/server/tickets/queries/dashboard/documents";
import { nonZero, recountDashboard } from "@/server/tickets/queries/dashboard/recount";
import { toTicketDetailDocument } from "@/server/tickets/queries/ticket-detail/document";
import { toTicketListDocument } from "@/server/tickets/queries/ticket-list/document";

export interface Drift {
  readModel: "ticket_list" | "ticket_detail" | "dashboard";
  kind: "missing" | "stale" | "wrong" | "extra" | "count";
  ticketId?: string;
  detail: string;
}

export interface VerifyReport {
  tickets: number;
  /** Tickets still owed a projection when the comparison started. */
  pending: number;
  drift: Drift[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A stable fingerprint of a read document, leaving out when it was projected. */
function fingerprint(doc: Record<string, unknown>): string {
  const canonical = (value: unknown): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (value && typeof value === "object" && "toHexString" in value) {
      return (value as { toHexString(): string }).toHexString();
    }
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.keys(value)
          .filter((key) => key !== "projectedAt")
          .sort()
          .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  return createHash("sha1")
    .update(JSON.stringify(canonical(doc)))
    .digest("hex");
}

/**
 * Recomputes every read model from the write model and reports where they differ. Streams every
 * collection and keeps one fingerprint per ticket in memory, never whole documents.
 */
export async function verifyProjections(
  cols: Collections,
  options: { waitForQueueMs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<VerifyReport> {
  const deadline = Date.now() + (options.waitForQueueMs ?? 30_000);
  while (
    (await cols.projectionQueue.countDocuments({ dead: false })) > 0 &&
    Date.now() < deadline
  ) {
    await sleep(200);
  }
  const pending = await cols.tickets.countDocuments({ dirtySince: { $ne: null } });

  const stored = async (collection: Collections["ticketList"] | Collections["ticketDetail"]) => {
    const seen = new Map<string, { version: number; print: string }>();
    for await (const doc of collection.find({}).batchSize(1_000)) {
      seen.set(doc._id.toHexString(), {
        version: doc.version,
        print: fingerprint(doc),
      });
    }
    return seen;
  };
  const list = await stored(cols.ticketList);
  const detail = await stored(cols.ticketDetail);

  const drift: Drift[] = [];
  const compare = (
    readModel: "ticket_list" | "ticket_detail",
    have: Map<string, { version: number; print: string }>,
    ticketId: string,
    expected: { version: number } & Record<string, unknown>,
  ) => {
    const found = have.get(ticketId);
    have.delete(ticketId);
    if (!found)
      drift.push({
        readModel,
        kind: "missing",
        ticketId,
        detail: `no document for version ${expected.version}`,
      });
    else if (found.version < expected.version) {
      drift.push({
        readModel,
        kind: "stale",
        ticketId,
        detail: `version ${found.version}, write model at ${expected.version}`,
      });
    } else if (found.version > expected.version || found.print !== fingerprint(expected)) {
      drift.push({
        readModel,
        kind: "wrong",
        ticketId,
        detail: `version ${found.version} differs from the write model`,
      });
    }
  };

  const total = await cols.tickets.countDocuments({});
  let tickets = 0;
  const now = new Date();
  for await (const ticket of cols.tickets.find({}).batchSize(1_000)) {
    const id = ticket._id.toHexString();
    compare("ticket_list", list, id, toTicketListDocument(ticket, now) as never);
    compare("ticket_detail", detail, id, toTicketDetailDocument(ticket, now) as never);
    if (++tickets % 500 === 0) options.onProgress?.(tickets, total);
  }
  options.onProgress?.(tickets, total);
  for (const [readModel, rest] of [
    ["ticket_list", list],
    ["ticket_detail", detail],
  ] as const) {
    for (const ticketId of rest.keys())
      drift.push({
        readModel,
        kind: "extra",
        ticketId,
        detail: "no such ticket in the write model",
      });
  }

  const expected = nonZero(await recountDashboard(cols));
  const summary = nonZero((await cols.dashboardSummary.findOne({ _id: SUMMARY_ID }))?.counts ?? {});
  for (const key of [...new Set([...Object.keys(expected), ...Object.keys(summary)])].sort()) {
    if ((expected[key] ?? 0) !== (summary[key] ?? 0)) {
      drift.push({
        readModel: "dashboard",
        kind: "count",
        detail: `${key}: expected ${expected[key] ?? 0}, found ${summary[key] ?? 0}`,
      });
    }
  }
  for await (const sync of cols.dashboardSyncs.find({ pending: { $ne: null } })) {
    drift.push({
      readModel: "dashboard",
      kind: "wrong",
      detail: `bucket ${sync._id} has an unfinished sync`,
    });
  }
  return { tickets, pending, drift };
}
