import { route } from "@/server/http/route";
import { readDashboard } from "@/server/read-models/dashboard-with-waiting";

/** The dashboard read model: counts, per-day series and durations, and how fresh they are. */
export const GET = route("dashboard", async () =>
  Response.json(await readDashboard(), { headers: { "cache-control": "no-store" } }),
);
