import "server-only";
import { getCollections } from "@/server/db/client";
import { day } from "@/server/tickets/queries/dashboard/contribution";
import { SUMMARY_ID, VIEW_ID } from "@/server/tickets/queries/dashboard/documents";
import { toDashboard, type Dashboard } from "@/server/tickets/queries/dashboard/view";

export {
  DASHBOARD_DAYS,
  type Dashboard,
  type DurationStats,
} from "@/server/tickets/queries/dashboard/view";

/**
 * The dashboard, from its view: one small document, whatever the size of the desk. On the first
 * read of a new UTC day, before the projector has moved the view to it, from the summary.
 */
export async function getDashboard(now = new Date()): Promise<Dashboard> {
  const { dashboardViews, dashboardSummary } = await getCollections();
  const view = await dashboardViews.findOne({ _id: VIEW_ID });
  if (view && view.day === day(now)) return JSON.parse(view.dashboard) as Dashboard;
  const summary = await dashboardSummary.findOne(
    { _id: SUMMARY_ID },
    { projection: { counts: 1, projectedAt: 1 } },
  );
  return toDashboard(
    summary ? (JSON.parse(summary.counts) as Record<string, number>) : {},
    summary?.projectedAt ?? null,
    now,
  );
}
