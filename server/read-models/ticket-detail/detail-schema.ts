import { z } from "zod";
import {
  customerField,
  slaViewSchema,
  isoTimeField,
  priorityField,
  statusField,
  ticketIdField,
} from "@/server/read-models/api-fields";
import { CONVERSATION_KINDS, TICKET_EVENT_TYPES } from "@/server/tickets/domain/types";

const conversationEntrySchema = z
  .object({
    id: z.string(),
    kind: z.enum(CONVERSATION_KINDS).meta({
      description: "customer: the customer wrote; reply: an agent's public reply; note: internal",
    }),
    body: z.string(),
    author: z.object({
      name: z.string(),
      email: z.string().optional(),
      personId: z.string().optional(),
    }),
    at: isoTimeField,
  })
  .meta({ id: "ConversationEntry" });

/** One ticket as GET /api/tickets/{id} and the ticket page see it. */
export const ticketDetailSchema = z
  .object({
    sla: slaViewSchema.nullable().meta({
      description: "The SLA clocks; null until the projector has computed them",
    }),
    ticketId: ticketIdField,
    subject: z.string(),
    message: z.string().meta({ description: "The customer's first message." }),
    customer: customerField.nullable(),
    customerEmail: z.string().nullable(),
    status: statusField,
    priority: priorityField,
    assigneeId: z.string().nullable(),
    assignee: z
      .string()
      .nullable()
      .meta({ description: 'The assignee\'s current name; "(deactivated)" when they are.' }),
    tags: z.array(z.string()),
    conversation: z
      .array(conversationEntrySchema)
      .meta({ description: "Every message, reply and note, in time order." }),
    notes: z
      .array(
        z.object({ id: z.string(), body: z.string(), author: z.string(), createdAt: isoTimeField }),
      )
      .meta({
        description: "The internal notes (also in conversation), as the first version had them.",
      }),
    awaitingReply: z.boolean(),
    lastMessageAt: isoTimeField,
    lastMessageFrom: z.enum(["customer", "agent"]),
    firstResponseAt: isoTimeField.nullable(),
    followUpOf: ticketIdField.nullable(),
    followUps: z.array(ticketIdField),
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
