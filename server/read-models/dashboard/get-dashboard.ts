import "server-only";
import { z } from "zod";
import { getCollections } from "@/server/db/client";
import { personNames, displayName } from "@/server/people/names";
import { dashboardCollections } from "@/server/read-models/dashboard/collections";
import { day } from "@/server/read-models/dashboard/contribution";
import type { Dashboard, StoredDashboard } from "@/server/read-models/dashboard/dashboard-schema";
import { SUMMARY_ID, VIEW_ID } from "@/server/read-models/dashboard/documents";
import { countsText, dashboardText } from "@/server/read-models/dashboard/json-text";
import { toDashboard } from "@/server/read-models/dashboard/view";

/**
 * The dashboard, from its view: one small document, whatever the size of the desk. On the first
 * read of a new UTC day, before the projector has moved the view to it (or when the view is of an
 * older shape), from the summary. Assignees' current names are added here.
 */
export async function getDashboard(
  now = new Date(),
): Promise<Omit<Dashboard, "oldestAwaitingReply">> {
  return withNames(await storedDashboard(now));
}

async function storedDashboard(now: Date): Promise<StoredDashboard> {
  const { views, summary: summaries } = dashboardCollections(await getCollections());
  const view = await views.findOne({ _id: VIEW_ID });
  if (view && view.day === day(now)) {
    const decoded = z.safeDecode(dashboardText, view.dashboard);
    if (decoded.success) return decoded.data;
  }
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

const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });

async function withNames({
  byAssigneeId,
  firstResponseByPersonId,
  ...rest
}: StoredDashboard): Promise<Omit<Dashboard, "oldestAwaitingReply">> {
  const names = await personNames([
    ...new Set([...Object.keys(byAssigneeId), ...Object.keys(firstResponseByPersonId)]),
  ]);
  const assignees = Object.entries(byAssigneeId)
    .map(([personId, count]) => ({ personId, name: displayName(names, personId)!, count }))
    .sort((a, b) => b.count - a.count || byName.compare(a.name, b.name));
  const byAssignee: Record<string, number> = {};
  for (const { name, count } of assignees) byAssignee[name] = (byAssignee[name] ?? 0) + count;
  const firstResponseByAgent = Object.entries(firstResponseByPersonId)
    .map(([personId, stats]) => ({ personId, name: displayName(names, personId)!, ...stats }))
    .sort((a, b) => byName.compare(a.name, b.name));
  return { ...rest, byAssignee, assignees, firstResponseByAgent };
}
