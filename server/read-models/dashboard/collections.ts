import type { IndexDescription } from "mongodb";
import { readCollection, type ReadTarget } from "@/server/db/generations";
import type {
  DashboardEntry,
  DashboardInboxItem,
  DashboardSummary,
  DashboardView,
} from "@/server/read-models/dashboard/documents";

const DASHBOARD_INBOX = "dashboard_inbox";
const DASHBOARD_ENTRIES = "dashboard_entries";
const DASHBOARD_SUMMARY = "dashboard_summary";
const DASHBOARD_VIEW = "dashboard_view";

/** Every read and write is by `_id`, or of a whole (small) inbox batch. */
export const DASHBOARD_INDEXES: Record<string, IndexDescription[]> = {
  [DASHBOARD_INBOX]: [],
  [DASHBOARD_ENTRIES]: [],
  [DASHBOARD_SUMMARY]: [],
  [DASHBOARD_VIEW]: [],
};

export const dashboardCollections = (target: ReadTarget) => ({
  inbox: readCollection<DashboardInboxItem>(target, DASHBOARD_INBOX),
  entries: readCollection<DashboardEntry>(target, DASHBOARD_ENTRIES),
  summary: readCollection<DashboardSummary>(target, DASHBOARD_SUMMARY),
  views: readCollection<DashboardView>(target, DASHBOARD_VIEW),
});
