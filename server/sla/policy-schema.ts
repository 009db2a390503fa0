import { z } from "zod";
import { businessCalendarSchema } from "@/server/sla/calendar";
import type { Priority } from "@/server/tickets/domain/types";

// What an SLA policy is made of, as GET/PUT /api/sla, the admin page and the projector see it.

/** The three promises a policy can make, in the order screens show them. */
export const SLA_TARGETS = ["firstResponse", "nextResponse", "resolution"] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** The longest target: a year of working time. */
const MAX_MINUTES = 525_600;

const minutes = (label: string) =>
  z
    .number({ error: `${label} must be a number of minutes, or none.` })
    .int({ error: `${label} must be a whole number of minutes.` })
    .min(1, { error: `${label} must be at least 1 minute, or none.` })
    .max(MAX_MINUTES, {
      error: `${label} must be at most ${MAX_MINUTES.toLocaleString("en")} minutes.`,
    })
    .nullish()
    .transform((value) => value ?? null);

const priorityTargetsSchema = z
  .strictObject(
    {
      firstResponseMinutes: minutes("First response"),
      nextResponseMinutes: minutes("Next response"),
      resolutionMinutes: minutes("Resolution"),
    },
    { error: "Targets must be an object of minutes." },
  )
  .meta({ id: "SlaPriorityTargets" });
type PriorityTargets = z.infer<typeof priorityTargetsSchema>;

const NO_TARGETS: PriorityTargets = {
  firstResponseMinutes: null,
  nextResponseMinutes: null,
  resolutionMinutes: null,
};

const forPriority = () => priorityTargetsSchema.optional().transform((t) => t ?? NO_TARGETS);
const targetsShape = {
  low: forPriority(),
  normal: forPriority(),
  high: forPriority(),
  urgent: forPriority(),
} satisfies Record<Priority, unknown>;

/** PUT /api/sla: the whole policy, replaced at once. A priority left out has no targets. */
export const slaPolicyInput = z
  .strictObject(
    {
      calendar: businessCalendarSchema,
      targets: z.strictObject(targetsShape, { error: "Targets must be an object by priority." }),
    },
    { error: "An SLA policy is an object with a calendar and targets." },
  )
  .meta({ id: "SlaPolicyInput" });
export type SlaPolicyInput = z.infer<typeof slaPolicyInput>;

/** A saved policy version: what GET /api/sla answers. Version 0 is the default (no targets). */
export const slaPolicySchema = slaPolicyInput
  .extend({
    version: z.number().int().min(0),
    updatedAt: z.iso.datetime().nullable(),
    updatedBy: z.string().nullable().meta({ description: "A person, or a token's name" }),
  })
  .meta({ id: "SlaPolicy" });

export interface SlaPolicy extends SlaPolicyInput {
  version: number;
  updatedAt: Date | null;
  updatedBy: { id: string; name: string } | null;
}

/** The target in minutes a policy sets for a priority, or null. */
export function targetMinutes(policy: SlaPolicyInput, priority: Priority, target: SlaTarget) {
  return policy.targets[priority][`${target}Minutes`];
}

/** No promises, every hour counts: a desk that never saved a policy. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  version: 0,
  updatedAt: null,
  updatedBy: null,
  calendar: { alwaysOpen: true },
  targets: { low: NO_TARGETS, normal: NO_TARGETS, high: NO_TARGETS, urgent: NO_TARGETS },
};
