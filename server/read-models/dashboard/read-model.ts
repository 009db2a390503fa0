import { z } from "zod";
import type { ReadTarget } from "@/server/db/generations";
import { canonical } from "@/server/projections/fingerprint";
import type { Drift, ReadModel } from "@/server/read-models/read-model";
import {
  aggregateDashboard,
  recordContributions,
  refreshDashboardView,
  viewIsOutdated,
} from "@/server/read-models/dashboard/aggregate";
import {
  DASHBOARD_INDEXES,
  dashboardCollections,
} from "@/server/read-models/dashboard/collections";
import { SUMMARY_ID, VIEW_ID } from "@/server/read-models/dashboard/documents";
import { countsText, dashboardText, type Counts } from "@/server/read-models/dashboard/json-text";
import { addContribution, nonZero } from "@/server/read-models/dashboard/recount";
import { toDashboard } from "@/server/read-models/dashboard/view";

/**
 * The dashboard's exact counters: a projection records the ticket's contribution in the inbox;
 * an aggregation (settle) takes the inbox into the counters and writes the view (aggregate.ts).
 */
export const dashboardReadModel: ReadModel = {
  name: "dashboard",
  collections: DASHBOARD_INDEXES,
  project: (target, ticket) => recordContributions(target, [ticket]),
  async projectMany(target, tickets) {
    await recordContributions(target, tickets);
    await aggregateDashboard(target);
  },
  async settle(target) {
    await aggregateDashboard(target);
  },
  async unsettled(target) {
    const { inbox, summary } = dashboardCollections(target);
    return (
      (await inbox.findOne({}, { projection: { _id: 1 } })) !== null ||
      (await summary.findOne(
        { _id: SUMMARY_ID, pending: { $ne: null } },
        { projection: { _id: 1 } },
      )) !== null
    );
  },
  async maintain(target, now) {
    // What a projector that died after its projections, before their aggregation, left in the
    // inbox; and the view, which shows the last 30 days, moves to a new day.
    await aggregateDashboard(target);
    if (await viewIsOutdated(target, now)) await refreshDashboardView(target, now);
  },
  verifier(target) {
    const counts: Counts = {};
    return Promise.resolve({
      check(ticket) {
        addContribution(counts, ticket);
        return Promise.resolve();
      },
      finish: () => verifyCounters(target, nonZero(counts)),
    });
  },
};

/** The counters against the recount, and what the aggregations have left undone. */
async function verifyCounters(target: ReadTarget, expected: Counts): Promise<Drift[]> {
  const cols = dashboardCollections(target);
  const drift: Drift[] = [];
  const summary = await cols.summary.findOne({ _id: SUMMARY_ID });
  const found = nonZero(summary ? z.decode(countsText, summary.counts) : {});
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
  for (const key of keys) {
    if ((expected[key] ?? 0) === (found[key] ?? 0)) continue;
    drift.push({
      readModel: "dashboard",
      kind: "count",
      detail: `${key}: expected ${expected[key] ?? 0}, found ${found[key] ?? 0}`,
    });
  }
  // Once the queue has drained, nothing is left to take these in until the next write.
  const waiting = await cols.inbox.countDocuments({});
  if (waiting > 0) {
    drift.push({
      readModel: "dashboard",
      kind: "stale",
      detail: `${waiting} recorded contributions were not taken into the counters`,
    });
  }
  if (summary?.pending) {
    drift.push({
      readModel: "dashboard",
      kind: "wrong",
      detail: `the follow-up of change ${summary.seq} (entries, inbox) was not finished`,
    });
  }
  // The view must say what the counters say (for the day it was made for).
  const view = await cols.views.findOne({ _id: VIEW_ID });
  if (summary && Object.keys(found).length > 0) {
    // A view that is not even a dashboard shows nothing, which differs from any counters.
    const decoded = view ? z.safeDecode(dashboardText, view.dashboard) : null;
    const shown = decoded?.success ? JSON.stringify(canonical(decoded.data)) : null;
    const counted = view
      ? JSON.stringify(canonical(toDashboard(found, summary.projectedAt, dayNoon(view.day))))
      : "";
    if (shown !== counted) {
      drift.push({
        readModel: "dashboard",
        kind: "stale",
        detail: view
          ? `the view (change ${view.seq}) does not show the counters (change ${summary.seq})`
          : "there is no view of the counters",
      });
    }
  }
  return drift;
}

const dayNoon = (day: string) => new Date(`${day}T12:00:00Z`);
