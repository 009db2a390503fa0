import { z } from "zod";
import { prioritySchema, statusSchema, tagSchema } from "@/server/tickets/domain/schemas";

// The query parameters of GET /api/tickets and of the /tickets page: one schema, so the API, the
// page and the OpenAPI document agree.

const booleanParam = (name: string) =>
  z
    .enum(["true", "false"], { error: `${name} must be true or false.` })
    .transform((v) => v === "true")
    .optional();

/** A UTC calendar day, YYYY-MM-DD; a range of days includes both ends. */
const dayParam = (name: string, description: string) =>
  z.iso
    .date({ error: `${name} must be a calendar day written YYYY-MM-DD (UTC), e.g. 2026-11-26.` })
    .optional()
    .meta({ description: `${description} (a UTC day, YYYY-MM-DD, inclusive)` });

/** The day-range filters: parameter prefix → the list field it filters. */
export const DAY_RANGES = [
  ["created", "createdAt"],
  ["triaged", "triagedAt"],
  ["closed", "closedAt"],
  ["responded", "firstResponseAt"],
] as const;

export const listTicketsQuery = z
  .strictObject({
    /** One status, or several separated by commas (`open,triaged`). */
    status: z
      .string()
      .transform((v) => [
        ...new Set(
          v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(statusSchema).min(1, { error: "status must name at least one status." }))
      .optional(),
    assignee: z
      .string()
      .trim()
      .min(1)
      .max(100, { error: "assignee must be at most 100 characters." })
      .optional(),
    unassigned: booleanParam("unassigned"),
    customer: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, { error: "customer must be at most 254 characters." })
      .optional()
      .meta({ description: "The customer's email (any case)" }),
    tag: tagSchema.optional(),
    awaitingReply: booleanParam("awaitingReply"),
    priority: prioritySchema.optional(),
    hasNote: booleanParam("hasNote"),
    q: z.string().trim().max(200, { error: "q must be at most 200 characters." }).optional(),
    createdFrom: dayParam("createdFrom", "Created on or after this day"),
    createdTo: dayParam("createdTo", "Created on or before this day"),
    triagedFrom: dayParam("triagedFrom", 'First triaged (left "open") on or after this day'),
    triagedTo: dayParam("triagedTo", 'First triaged (left "open") on or before this day'),
    closedFrom: dayParam("closedFrom", "Closed on or after this day"),
    closedTo: dayParam("closedTo", "Closed on or before this day"),
    respondedFrom: dayParam(
      "respondedFrom",
      "First answered (a public reply) on or after this day",
    ),
    respondedTo: dayParam("respondedTo", "First answered (a public reply) on or before this day"),
    firstResponder: z
      .string()
      .trim()
      .min(1)
      .max(100, { error: "firstResponder must be at most 100 characters." })
      .optional()
      .meta({ description: "Who wrote the first public reply: a person's id (or exact name)" }),
    sla: z
      .enum(["at_risk", "breached", "met"], {
        error: "sla must be one of: at_risk, breached, met.",
      })
      .optional()
      .meta({
        description:
          "at_risk: a running SLA clock has used 80% of its time; breached: a target was missed; met: every target was met",
      }),
    slaTarget: z
      .enum(["firstResponse", "nextResponse", "resolution"], {
        error: "slaTarget must be one of: firstResponse, nextResponse, resolution.",
      })
      .optional()
      .meta({
        description:
          "With sla or slaFrom/slaTo: the SLA target they apply to (without sla: met or breached)",
      }),
    slaFrom: dayParam("slaFrom", "An SLA target met or breached on or after this day"),
    slaTo: dayParam("slaTo", "An SLA target met or breached on or before this day"),
    sort: z
      .enum(["updated", "sla_due"], { error: "sort must be updated or sla_due." })
      .optional()
      .meta({
        description:
          "updated (the default): newest change first; sla_due: the soonest SLA due time first (overdue first, tickets without a running clock last)",
      }),
    limit: z.coerce
      .number({ error: "limit must be a number." })
      .int({ error: "limit must be a whole number." })
      .min(1, { error: "limit must be between 1 and 100." })
      .max(100, { error: "limit must be between 1 and 100." })
      .default(25),
    cursor: z.string().max(200, { error: "cursor is not valid." }).optional(),
  })
  .refine((q) => !(q.sla === undefined && q.slaTarget === undefined && (q.slaFrom ?? q.slaTo)), {
    error: "slaFrom and slaTo need sla or slaTarget.",
    path: ["slaFrom"],
  })
  .refine((q) => !(q.q && q.sort === "sla_due"), {
    error: "A search (q) is ordered by the list's order: use sort=updated with q.",
    path: ["sort"],
  })
  .refine((q) => !(q.assignee && q.unassigned !== undefined), {
    error: "Use either assignee or unassigned, not both.",
    path: ["unassigned"],
  })
  .superRefine((q, ctx) => {
    if (q.slaFrom && q.slaTo && q.slaFrom > q.slaTo) {
      ctx.addIssue({
        code: "custom",
        message: `slaFrom (${q.slaFrom}) must be on or before slaTo (${q.slaTo}).`,
        path: ["slaTo"],
      });
    }
    for (const [name] of DAY_RANGES) {
      const from = q[`${name}From`];
      const to = q[`${name}To`];
      if (from && to && from > to) {
        ctx.addIssue({
          code: "custom",
          message: `${name}From (${from}) must be on or before ${name}To (${to}).`,
          path: [`${name}To`],
        });
      }
    }
  });
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;
