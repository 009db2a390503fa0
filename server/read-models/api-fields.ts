import { z } from "zod";
import { PRIORITIES, STATUSES } from "@/server/tickets/domain/types";

// The pieces the read models' response schemas (for the API and its OpenAPI document) share.

export const ticketIdField = z
  .string()
  .regex(/^[0-9a-f]{24}$/)
  .meta({ description: "24 hexadecimal characters" });
export const isoTimeField = z.iso.datetime();

/** A ticket's SLA in one word: the worst of its clocks (server/read-models/sla/). */
const SLA_STATES = ["running", "at_risk", "paused", "met", "breached"] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** The list row's SLA fields. */
export const slaOverallFields = {
  slaDueAt: isoTimeField
    .nullable()
    .meta({ description: "The soonest due time of a running SLA clock that is not overdue" }),
  slaState: z
    .enum(SLA_STATES)
    .nullable()
    .meta({ description: "The worst of its SLA clocks; null when the policy sets it no target" }),
};
export interface SlaOverall {
  slaDueAt: string | null;
  slaState: SlaState | null;
}
export const statusField = z.enum(STATUSES);
export const priorityField = z.enum(PRIORITIES);
export const customerField = z
  .object({ email: z.string(), name: z.string().nullable() })
  .meta({ id: "Customer" });

/** One customer's figures, as GET /api/customers lists them and the customer's page heads. */
export const customerSummarySchema = z
  .object({
    email: z.string().meta({ description: "In lower case: customers are the same in any case." }),
    name: z
      .string()
      .nullable()
      .meta({ description: "The name on their newest ticket that has one." }),
    ticketCounts: z.object({
      open: z.number().int(),
      triaged: z.number().int(),
      closed: z.number().int(),
    }),
    firstContactAt: isoTimeField.meta({ description: "When their first ticket was created." }),
    lastContactAt: isoTimeField.meta({
      description: "The last message, theirs or a reply, in any of their tickets.",
    }),
  })
  .meta({ id: "CustomerSummary" });
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

// A ticket's SLA clocks, as the detail answers them (server/read-models/sla/).
const time = isoTimeField;

const slaClockSchema = z
  .object({
    state: z.enum(["running", "paused", "met", "breached"]),
    atRisk: z.boolean().meta({ description: "Running, with 80% or more of its time used" }),
    minutes: z.number().int().meta({ description: "The target, in minutes of working time" }),
    startedAt: time.meta({ description: "Creation, or the customer message that restarted it" }),
    dueAt: time.nullable().meta({ description: "Null while paused, met in time, or never due" }),
    warnAt: time.nullable(),
    metAt: time.nullable(),
    breachedAt: time.nullable(),
    pausedAt: time
      .nullable()
      .meta({ description: "Resolution only: paused while the ticket waits for the customer" }),
    remainingMs: z
      .number()
      .nullable()
      .meta({ description: "Working time left (running or paused); negative when overdue" }),
  })
  .meta({ id: "SlaClock" });
export type SlaClockView = z.infer<typeof slaClockSchema>;

export const slaViewSchema = z
  .object({
    policyVersion: z
      .number()
      .int()
      .min(0)
      .meta({ description: "The policy version they were computed with" }),
    targets: z.object({
      firstResponse: slaClockSchema.nullable(),
      nextResponse: slaClockSchema.nullable(),
      resolution: slaClockSchema.nullable(),
    }),
  })
  .meta({ id: "TicketSla" });
export type SlaView = z.infer<typeof slaViewSchema>;
