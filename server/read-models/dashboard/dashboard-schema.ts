import { z } from "zod";
import { isoTimeField } from "@/server/read-models/api-fields";

const durationStats = z.object({
  /** How many tickets the figures are over. */
  count: z.number().int().min(0),
  p50Ms: z.number().nullable(),
  p90Ms: z.number().nullable(),
});
export type DurationStats = z.infer<typeof durationStats>;

/**
 * The dashboard as its view document stores it: assignees by person id only, so a rename never
 * leaves a stale name in a read model (names are added when it is read, `get-dashboard.ts`).
 */
export const storedDashboardSchema = z.object({
  total: z.number().int(),
  byStatus: z.object({
    open: z.number().int(),
    triaged: z.number().int(),
    closed: z.number().int(),
  }),
  byPriority: z
    .object({
      low: z.number().int(),
      normal: z.number().int(),
      high: z.number().int(),
      urgent: z.number().int(),
    })
    .meta({ description: "Active (not closed) tickets." }),
  unassigned: z.number().int().meta({ description: "Active tickets with no assignee." }),
  withNotes: z.number().int(),
  byAssigneeId: z.record(z.string(), z.number().int()),
  awaitingReply: z.number().int().meta({
    description: "Active tickets whose last public message is the customer's: a reply is owed.",
  }),
  byTag: z.record(z.string(), z.number().int()).meta({ description: "Active tickets per tag." }),
  /** The last 30 UTC days, oldest first. */
  perDay: z.array(
    z.object({ day: z.iso.date(), created: z.number().int(), closed: z.number().int() }),
  ),
  /** From creation to first triage, for tickets triaged in the last 30 days. */
  timeToTriage: durationStats,
  /** From creation to close, for tickets closed in the last 30 days. */
  timeToClose: durationStats,
  /** From creation to the first public reply, for tickets first answered in the last 30 days. */
  firstResponse: durationStats,
  /** The same, per person who wrote the first reply. */
  firstResponseByPersonId: z.record(z.string(), durationStats),
  /** When the projector last changed these numbers (null: nothing projected yet). */
  asOf: isoTimeField.nullable(),
});
export type StoredDashboard = z.infer<typeof storedDashboardSchema>;

/** The dashboard as GET /api/dashboard returns it. */
export const dashboardSchema = storedDashboardSchema
  .omit({ byAssigneeId: true, firstResponseByPersonId: true })
  .extend({
    firstResponseByAgent: z
      .array(z.object({ personId: z.string(), name: z.string() }).extend(durationStats.shape))
      .meta({
        description:
          "First response per person who wrote the first reply (over the same 30 days), by name.",
      }),
    oldestAwaitingReply: z
      .object({
        ticketId: z.string(),
        since: isoTimeField.meta({ description: "When the customer wrote, unanswered since." }),
        waitingMs: z.number().int().min(0),
      })
      .nullable()
      .meta({ description: "The active ticket that has waited longest for a reply; null: none." }),
    byAssignee: z.record(z.string(), z.number().int()).meta({
      description:
        "Active tickets per assignee, by their current name (as in the first version; people " +
        "who share a name are counted together). `assignees` has them by person.",
    }),
    assignees: z
      .array(
        z.object({
          personId: z.string(),
          name: z.string().meta({ description: 'Current name; "(deactivated)" when they are.' }),
          count: z.number().int(),
        }),
      )
      .meta({ description: "Active tickets per assigned person, most first, then by name." }),
  })
  .meta({ id: "Dashboard" });
export type Dashboard = z.infer<typeof dashboardSchema>;
