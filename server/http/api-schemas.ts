import "server-only";
import { z } from "zod";
import { PRIORITIES, STATUSES } from "@/server/tickets/domain/types";

// Response shapes of the public API, named for the OpenAPI document. Request shapes are the
// commands' and queries' own schemas; these describe what comes back.

const ticketId = z
  .string()
  .regex(/^[0-9a-f]{24}$/)
  .meta({ description: "24 hexadecimal characters" });
const isoTime = z.iso.datetime();
const status = z.enum(STATUSES);
const priority = z.enum(PRIORITIES);

export const commandResultSchema = z
  .object({
    ticketId,
    version: z.number().int().min(1).meta({
      description: "The version this command produced: pass it as minVersion to read your write.",
    }),
  })
  .meta({ id: "CommandResult" });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "One list of messages per invalid field." }),
  })
  .meta({ id: "Problem" });

export const ticketListItemSchema = z
  .object({
    ticketId,
    subject: z.string(),
    status,
    priority,
    assignee: z.string().nullable(),
    customerEmail: z.string().nullable(),
    preview: z.string(),
    hasNote: z.boolean(),
    noteCount: z.number().int().min(0),
    createdAt: isoTime,
    updatedAt: isoTime,
    triagedAt: isoTime
      .nullable()
      .meta({ description: 'When it first left "open"; null if it never did.' }),
    closedAt: isoTime.nullable().meta({ description: "When it was closed; null if it is not." }),
    version: z.number().int().min(1),
  })
  .meta({ id: "TicketListItem" });

export const ticketListPageSchema = z
  .object({
    items: z.array(ticketListItemSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as cursor for the next page; null on the last page." }),
  })
  .meta({ id: "TicketListPage" });

export const ticketDetailSchema = z
  .object({
    ticketId,
    subject: z.string(),
    message: z.string(),
    customerEmail: z.string().nullable(),
    status,
    priority,
    assignee: z.string().nullable(),
    notes: z.array(
      z.object({ id: z.string(), body: z.string(), author: z.string(), createdAt: isoTime }),
    ),
    history: z.array(
      z.object({
        version: z.number().int().min(1),
        type: z.enum([
          "TicketCreated",
          "StatusChanged",
          "AgentAssigned",
          "NoteAdded",
          "PriorityChanged",
        ]),
        at: isoTime,
        actor: z.string(),
        changes: z.record(z.string(), z.string().nullable()),
      }),
    ),
    createdAt: isoTime,
    updatedAt: isoTime,
    version: z.number().int().min(1),
    projectedAt: isoTime,
  })
  .meta({ id: "TicketDetail" });

export const readBehindSchema = z
  .object({
    ticketId,
    version: z
      .number()
      .int()
      .min(1)
      .nullable()
      .meta({ description: "The version the read model has; null when none yet." }),
  })
  .meta({ id: "ReadModelBehind" });

const durationStats = z.object({
  count: z.number().int().min(0),
  p50Ms: z.number().nullable(),
  p90Ms: z.number().nullable(),
});

export const dashboardSchema = z
  .object({
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
    byAssignee: z
      .record(z.string(), z.number().int())
      .meta({ description: "Active tickets per assignee." }),
    perDay: z.array(
      z.object({ day: z.iso.date(), created: z.number().int(), closed: z.number().int() }),
    ),
    timeToTriage: durationStats,
    timeToClose: durationStats,
    asOf: isoTime.nullable(),
  })
  .meta({ id: "Dashboard" });

const lagMs = z.object({
  last: z.number().nullable(),
  p50: z.number().nullable(),
  p99: z.number().nullable(),
});

export const projectionStatusSchema = z
  .object({
    pending: z
      .number()
      .int()
      .meta({ description: "Tickets waiting to be projected (not parked)." }),
    oldestPendingAgeMs: z.number().nullable(),
    lagMs: lagMs.meta({
      description: "From a command's write to its read models, worst of the running projectors.",
    }),
    projectors: z.array(
      z.object({
        id: z.string(),
        host: z.string(),
        pid: z.number().int(),
        heartbeatAgeMs: z.number(),
        projected: z.number().int(),
      }),
    ),
    lastError: z
      .object({ at: isoTime, message: z.string(), ticketId: z.string().nullable() })
      .nullable(),
    deadLetters: z.array(
      z.object({
        ticketId,
        attempts: z.number().int(),
        lastError: z.string().nullable(),
        since: isoTime,
      }),
    ),
    generation: z
      .number()
      .int()
      .meta({ description: "The generation of read models being served." }),
    rebuild: z
      .object({
        generation: z.number().int(),
        phase: z.enum(["scanning", "reconciling", "done"]),
        processed: z.number().int(),
        total: z.number().int(),
        startedAt: isoTime,
        updatedAt: isoTime,
      })
      .nullable(),
    asOf: isoTime,
  })
  .meta({ id: "ProjectionStatus" });

export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]),
    database: z.object({ reachable: z.boolean(), latencyMs: z.number().nullable() }),
    projector: z
      .object({
        running: z.number().int(),
        pending: z.number().int(),
        oldestPendingAgeMs: z.number().nullable(),
        lagMs: z.number().nullable(),
        deadLetters: z.number().int(),
      })
      .nullable(),
  })
  .meta({ id: "Health" });

export const retriedSchema = z
  .object({ ticketId, retried: z.literal(true) })
  .meta({ id: "DeadLetterRetried" });
