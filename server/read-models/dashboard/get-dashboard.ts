import "server-only";
import { z } from "zod";
import { getCollections } from "@/server/db/client";
import { dashboardCollections } from "@/server/read-models/dashboard/collections";
import { day } from "@/server/read-models/dashboard/contribution";
import type { Dashboard } from "@/server/read-models/dashboard/dashboard-schema";
import { SUMMARY_ID, VIEW_ID } from "@/server/read-models/dashboard/documents";
import { countsText, dashboardText } from "@/server/read-models/dashboard/json-text";
import { toDashboard } from "@/server/read-models/dashboard/view";

/**
 * The dashboard, from its view: one small document, whatever the size of the desk. On the first
 * read of a new UTC day, before the projector has moved the view to it, from the summary.
 */
export async function getDashboard(now = new Date()): Promise<Dashboard> {
  const { views, summary: summaries } = dashboardCollections(await getCollections());
  const view = await views.findOne({ _id: VIEW_ID });
  if (view && view.day === day(now)) return z.decode(dashboardText, view.dashboard);
  const summary = await summaries.findOne(
    { _id: SUMMARY_ID },
    { projection: { counts: 1, projectedAt: 1 } },
  );
  return toDashboard(
    summary ? z.decode(countsText, summary.counts) : {},
    summary?.projectedAt ?? null,
    now,
  );
}
