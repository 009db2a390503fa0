import "server-only";
import type { Dashboard } from "@/server/read-models/dashboard/dashboard-schema";
import { getDashboard } from "@/server/read-models/dashboard/get-dashboard";
import { oldestAwaitingReply } from "@/server/read-models/ticket-list/oldest-awaiting";

/**
 * The dashboard as GET /api/dashboard and the page show it: the dashboard read model's numbers
 * and, from the ticket list's awaiting-reply keys, the ticket that has waited longest. Two read
 * models, each read once; neither knows the other.
 */
export async function readDashboard(now = new Date()): Promise<Dashboard> {
  const [dashboard, oldest] = await Promise.all([getDashboard(now), oldestAwaitingReply()]);
  return {
    ...dashboard,
    oldestAwaitingReply: oldest
      ? {
          ticketId: oldest.ticketId,
          since: oldest.since.toISOString(),
          waitingMs: Math.max(0, now.getTime() - oldest.since.getTime()),
        }
      : null,
  };
}
