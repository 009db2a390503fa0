import "server-only";
import { getCollections, getDb } from "@/server/db/client";
import { TicketNotFoundError } from "@/server/tickets/domain/errors";
import { parseTicketId } from "@/server/tickets/ticket-id";
import { retryDeadLetter } from "@/server/projections/queue";
import { projectionStatus, type ProjectionStatus } from "@/server/projections/status";
import { isTransientDatabaseError } from "@/server/db/errors";

export async function getProjectionStatus(): Promise<ProjectionStatus> {
  return projectionStatus(await getCollections());
}

/** Puts a dead-lettered ticket back in the queue; not found when it is not parked. */
export async function retryDeadLetterTicket(ticketId: string): Promise<void> {
  const _id = parseTicketId(ticketId);
  const { projectionQueue } = await getCollections();
  if (!(await retryDeadLetter(projectionQueue, _id))) throw new TicketNotFoundError(ticketId);
}

export interface Health {
  status: "ok" | "degraded" | "down";
  database: { reachable: boolean; latencyMs: number | null };
  projector: {
    running: number;
    pending: number;
    oldestPendingAgeMs: number | null;
    lagMs: number | null;
    deadLetters: number;
  } | null;
}

/**
 * For load balancers and people: reachable or not, and whether projection keeps up. Says
 * nothing about tickets, hosts or errors.
 */
export async function getHealth(): Promise<Health> {
  const started = Date.now();
  try {
    await (await getDb()).command({ ping: 1 });
    const latencyMs = Date.now() - started;
    const status = await getProjectionStatus();
    const behind = (status.oldestPendingAgeMs ?? 0) > 30_000;
    return {
      status:
        status.projectors.length === 0 || behind || status.deadLetters.length > 0
          ? "degraded"
          : "ok",
      database: { reachable: true, latencyMs },
      projector: {
        running: status.projectors.length,
        pending: status.pending,
        oldestPendingAgeMs: status.oldestPendingAgeMs,
        lagMs: status.lagMs.p99,
        deadLetters: status.deadLetters.length,
      },
    };
  } catch (error) {
    if (!isTransientDatabaseError(error)) throw error;
    return { status: "down", database: { reachable: false, latencyMs: null }, projector: null };
  }
}
