import { readJsonBody } from "@/server/http/request";
import { route } from "@/server/http/route";
import { saveSlaPolicy } from "@/server/sla/policy";
import { slaPolicyInput } from "@/server/sla/policy-schema";
import { getSlaPolicyView, toPolicyJson } from "@/server/sla/policy-view";

// Everyone who reads tickets may read the promises made on them; leads and write tokens change
// them ("operate"): a change recomputes every open ticket's clocks.

/** The SLA policy in force, its version, and the progress of the recompute it started. */
export const GET = route("read", async () =>
  Response.json(await getSlaPolicyView(), { headers: { "cache-control": "no-store" } }),
);

/** Replaces the whole policy: a new version; the clocks are recomputed in the background. */
export const PUT = route("operate", async ({ request, actor }) => {
  const input = await readJsonBody(request, slaPolicyInput);
  const saved = await saveSlaPolicy(input, actor, new Date());
  return Response.json(toPolicyJson(saved), { headers: { "cache-control": "no-store" } });
});
