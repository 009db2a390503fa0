import "server-only";
import type { z } from "zod";
import { getCollections } from "@/server/db/client";
import { dashboardSchema, type Dashboard } from "@/server/read-models/dashboard/dashboard-schema";
import { getDashboard } from "@/server/read-models/dashboard/get-dashboard";
import { getSlaDashboard } from "@/server/read-models/sla/get-sla-dashboard";
import { slaDashboardSchema } from "@/server/read-models/sla/schema";
import { oldestAwaitingReply } from "@/server/read-models/ticket-list/oldest-awaiting";

/** GET /api/dashboard: the dashboard read model's numbers, the longest wait, the SLA figures. */
export const dashboardResponseSchema = dashboardSchema
  .extend({ sla: slaDashboardSchema })
  .meta({ id: "DashboardResponse" });
export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;

/**
 * The dashboard as GET /api/dashboard and the page show it: the dashboard read model's numbers,
 * from the ticket list's awaiting-reply keys the ticket that has waited longest, and from the
 * SLA clocks the targets met and breached. Three read models, each read once; none knows the
 * others.
 */
export async function readDashboard(now = new Date()): Promise<DashboardResponse> {
  const target = await getCollections();
  const [dashboard, oldest, sla] = await Promise.all([
    getDashboard(now),
    oldestAwaitingReply(),
    getSlaDashboard(target, now),
  ]);
  const withWait: Dashboard = {
    ...dashboard,
    oldestAwaitingReply: oldest
      ? {
          ticketId: oldest.ticketId,
          since: oldest.since.toISOString(),
          waitingMs: Math.max(0, now.getTime() - oldest.since.getTime()),
        }
      : null,
  };
  return { ...withWait, sla };
}
