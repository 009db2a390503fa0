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

const outcomeCounts = {
  met: z.number().int(),
  breached: z.number().int(),
  percentMet: z
    .number()
    .nullable()
    .meta({ description: "met / (met + breached) × 100; null if none" }),
};

const targetFigures = z.object({
  ...outcomeCounts,
  byPriority: z.object({
    low: z.object(outcomeCounts),
    normal: z.object(outcomeCounts),
    high: z.object(outcomeCounts),
    urgent: z.object(outcomeCounts),
  }),
  byAgent: z.array(
    z.object({
      personId: z.string().nullable().meta({ description: "null: unassigned" }),
      agent: z.string(),
      ...outcomeCounts,
    }),
  ),
});

/** The dashboard's SLA figures: targets met or breached in the window, by priority and agent. */
export const slaDashboardSchema = z
  .object({
    policyVersion: z.number().int(),
    window: z.object({ from: z.iso.date(), to: z.iso.date() }),
    targets: z.object({
      firstResponse: targetFigures,
      nextResponse: targetFigures,
      resolution: targetFigures,
    }),
    breachesPerDay: z.array(z.object({ day: z.iso.date(), count: z.number().int() })),
    atRisk: z.number().int().meta({ description: "Tickets with a running clock 80% used" }),
    breachedOpen: z
      .number()
      .int()
      .meta({ description: "Tickets not closed with a target breached" }),
  })
  .meta({ id: "SlaDashboard" });
export type SlaDashboard = z.infer<typeof slaDashboardSchema>;
