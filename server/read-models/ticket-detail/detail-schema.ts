import { z } from "zod";
import {
  isoTimeField,
  priorityField,
  statusField,
  ticketIdField,
} from "@/server/read-models/api-fields";
import { TICKET_EVENT_TYPES } from "@/server/tickets/domain/types";

/** One ticket as GET /api/tickets/{id} and the ticket page see it. */
export const ticketDetailSchema = z
  .object({
    ticketId: ticketIdField,
    subject: z.string(),
    message: z.string(),
    customerEmail: z.string().nullable(),
    status: statusField,
    priority: priorityField,
    assignee: z.string().nullable(),
    notes: z.array(
      z.object({ id: z.string(), body: z.string(), author: z.string(), createdAt: isoTimeField }),
    ),
    history: z.array(
      z.object({
        version: z.number().int().min(1),
        type: z.enum(TICKET_EVENT_TYPES),
        at: isoTimeField,
        actor: z.string(),
        changes: z.record(z.string(), z.string().nullable()),
      }),
    ),
    createdAt: isoTimeField,
    updatedAt: isoTimeField,
    version: z.number().int().min(1),
    projectedAt: isoTimeField,
  })
  .meta({ id: "TicketDetail" });
export type TicketDetail = z.infer<typeof ticketDetailSchema>;
