import { route } from "@/server/http/route";
import { getDashboard } from "@/server/read-models/dashboard/get-dashboard";

/** The dashboard read model: counts, per-day series and durations, and how fresh they are. */
export const GET = route("dashboard", async () =>
  Response.json(await getDashboard(), { headers: { "cache-control": "no-store" } }),
);
