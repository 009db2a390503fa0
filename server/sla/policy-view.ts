import "server-only";
import { z } from "zod";
import { getCollections } from "@/server/db/client";
import { slaRecomputeProgress } from "@/server/read-models/sla/get-clocks";
import { slaRecomputeSchema } from "@/server/read-models/sla/schema";
import { currentSlaPolicy, saveSlaPolicy, slaPolicyHistory } from "@/server/sla/policy";
import { slaPolicySchema, type SlaPolicy, type SlaPolicyInput } from "@/server/sla/policy-schema";
import type { Actor } from "@/server/tickets/domain/types";

/** GET /api/sla: the policy in force and how far its recompute is. */
export const slaPolicyViewSchema = slaPolicySchema
  .extend({ recompute: slaRecomputeSchema })
  .meta({ id: "SlaPolicyView" });
export type SlaPolicyView = z.infer<typeof slaPolicyViewSchema>;

export const slaPolicyHistorySchema = z
  .object({ items: z.array(slaPolicySchema).meta({ description: "Newest first, at most 50" }) })
  .meta({ id: "SlaPolicyHistory" });

const toPolicyJson = (policy: SlaPolicy) => ({
  version: policy.version,
  updatedAt: policy.updatedAt?.toISOString() ?? null,
  updatedBy: policy.updatedBy?.name ?? null,
  calendar: policy.calendar,
  targets: policy.targets,
});

export async function getSlaPolicyView(): Promise<SlaPolicyView> {
  const target = await getCollections();
  const [policy, recompute] = await Promise.all([
    currentSlaPolicy(target.db),
    slaRecomputeProgress(target),
  ]);
  return { ...toPolicyJson(policy), recompute };
}

export async function getSlaPolicyHistory() {
  const { db } = await getCollections();
  return { items: (await slaPolicyHistory(db)).map(toPolicyJson) };
}

/** PUT /api/sla and the admin page: a new version of the whole policy. */
export async function putSlaPolicy(input: SlaPolicyInput, actor: Actor) {
  const { db } = await getCollections();
  return toPolicyJson(await saveSlaPolicy(db, input, actor, new Date()));
}
