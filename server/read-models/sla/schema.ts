import { z } from "zod";

// How the API and the screens see SLA clocks: the detail's `sla`, the list's two fields.

const time = z.iso.datetime();

export const slaRecomputeSchema = z
  .object({
    policyVersion: z.number().int(),
    done: z.number().int(),
    total: z.number().int(),
    startedAt: time,
    finishedAt: time.nullable(),
  })
  .nullable()
  .meta({ id: "SlaRecompute", description: "The recompute after the last policy change" });
