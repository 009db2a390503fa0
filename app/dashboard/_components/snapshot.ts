import type { ProjectionStatus } from "@/server/projections/status";
import type { Dashboard } from "@/server/read-models/dashboard/dashboard-schema";
import type { SlaDashboard } from "@/server/read-models/sla/schema";

/** The dashboard (with its SLA figures) and the projector's state, read together. */
export interface Snapshot {
  projection: ProjectionStatus;
  dashboard: Dashboard & { sla: SlaDashboard };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`${url} answered ${response.status}.`);
  return (await response.json()) as T;
}

/**
 * The projector's state first, then the numbers: when it says nothing is pending, every change
 * made before that moment is already in the numbers read after it, so "Up to date" is true.
 */
export async function fetchSnapshot(): Promise<Snapshot> {
  const projection = await getJson<ProjectionStatus>("/api/projections");
  const dashboard = await getJson<Snapshot["dashboard"]>("/api/dashboard");
  return { projection, dashboard };
}

export type Freshness =
  | { state: "current" }
  | { state: "updating"; pending: number }
  | { state: "stalled"; pending: number }
  | { state: "offline"; message: string };

/** What the numbers on screen can be trusted for, in words a lead reads at a glance. */
export function freshnessOf(snapshot: Snapshot, refreshError: Error | null): Freshness {
  if (refreshError) return { state: "offline", message: refreshError.message };
  const { pending, projectors } = snapshot.projection;
  if (pending > 0 && projectors.length === 0) return { state: "stalled", pending };
  if (pending > 0) return { state: "updating", pending };
  return { state: "current" };
}
