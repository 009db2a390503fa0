import { route } from "@/server/http/route";
import { getHealth } from "@/server/projections/status-queries";

/** Public: 200 while the database answers (status ok or degraded), 503 when it does not. */
export const GET = route("public", async () => {
  const health = await getHealth();
  return Response.json(health, {
    status: health.status === "down" ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
});
