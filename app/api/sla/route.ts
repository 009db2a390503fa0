import { readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import { slaPolicyInput } from "@/server/sla/policy-schema";
import { getSlaPolicyView, putSlaPolicy } from "@/server/sla/policy-view";

// Everyone who reads tickets may read the promises made on them; leads and write tokens change
// them ("operate"): a change recomputes every open ticket's clocks.

/** The SLA policy in force, its version, and the progress of the recompute it started. */
export const GET = route("read", async () =>
  Response.json(await getSlaPolicyView(), { headers: { "cache-control": "no-store" } }),
);

/** Replaces the whole policy: a new version; the clocks are recomputed in the background. */
export const PUT = route("operate", async ({ request, actor }) => {
  const input = await readJsonBody(request, slaPolicyInput);
  return Response.json(await putSlaPolicy(input, actor), {
    headers: { "cache-control": "no-store" },
  });
});
