import "server-only";
import { z } from "zod";
import {
  isoTimeField as isoTime,
  ticketIdField as ticketId,
} from "@/server/read-models/api-fields";

// Response shapes of the public API that no read model owns, named for the OpenAPI document.
// Request shapes are the commands' and queries' own schemas; each read model's folder holds the
// schema of what it answers (ticket-list/item-schema.ts, ticket-detail/detail-schema.ts,
// dashboard/dashboard-schema.ts).

export const commandResultSchema = z
  .object({
    ticketId,
    version: z.number().int().min(1).meta({
      description: "The version this command produced: pass it as minVersion to read your write.",
    }),
  })
  .meta({ id: "CommandResult" });

export const followUpResultSchema = z
  .object({
    ticketId: ticketId.meta({ description: "The follow-up ticket" }),
    version: z.literal(1),
    followUpOf: ticketId.meta({ description: "The closed ticket the message was sent to" }),
  })
  .meta({ id: "FollowUpResult" });

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
