import { route } from "@/server/http/route";
import { getProjectionStatus } from "@/server/projections/status-queries";

/** The projector in detail: pending work, lag, projectors, last error and dead letters. */
export const GET = route("dashboard", async () =>
  Response.json(await getProjectionStatus(), { headers: { "cache-control": "no-store" } }),
);
