import type { Metadata } from "next";
import { LiveDashboard } from "@/app/dashboard/_components/live-dashboard";
import { requireUser } from "@/server/auth/require";
import { getProjectionStatus } from "@/server/projections/status-queries";
import { readDashboard } from "@/server/read-models/dashboard-with-waiting";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  await requireUser("dashboard", "/dashboard");
  // The projector's state first, then the numbers, as the live part reads them (see snapshot.ts).
  const projection = await getProjectionStatus();
  const dashboard = await readDashboard();
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Every number links to the tickets it counts. Days are UTC.
        </p>
      </div>
      <LiveDashboard initial={{ projection, dashboard }} />
    </div>
  );
}
