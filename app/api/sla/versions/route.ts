import { route } from "@/server/http/route";
import { getSlaPolicyHistory } from "@/server/sla/policy-view";

/** Every saved version of the SLA policy, newest first: who changed what, when. */
export const GET = route("read", async () =>
  Response.json(await getSlaPolicyHistory(), { headers: { "cache-control": "no-store" } }),
);
