import { z } from "zod";
import {
  slaOverallFields,
  customerField,
  isoTimeField,
  priorityField,
  statusField,
  ticketIdField,
} from "@/server/read-models/api-fields";

/** One row of GET /api/tickets, as the API and the list page see it. */
const ticketListItemSchema = z
  .object({
    ticketId: ticketIdField,
    subject: z.string(),
    status: statusField,
    priority: priorityField,
    assigneeId: z.string().nullable(),
    assignee: z
      .string()
      .nullable()
      .meta({ description: 'The assignee\'s current name; "(deactivated)" when they are.' }),
    customer: customerField.nullable(),
    customerEmail: z.string().nullable(),
    tags: z.array(z.string()),
    messageCount: z
      .number()
      .int()
      .min(1)
      .meta({ description: "Conversation entries: the first message, messages, replies, notes." }),
    lastMessageAt: isoTimeField.meta({ description: "The last customer message or reply." }),
    lastMessageFrom: z.enum(["customer", "agent"]),
    awaitingReply: z
      .boolean()
      .meta({ description: "Not closed, and the customer wrote last: an agent owes a reply." }),
    preview: z.string(),
    hasNote: z.boolean(),
    noteCount: z.number().int().min(0),
    createdAt: isoTimeField,
    updatedAt: isoTimeField,
    triagedAt: isoTimeField
      .nullable()
      .meta({ description: 'When it first left "open"; null if it never did.' }),
    closedAt: isoTimeField
      .nullable()
      .meta({ description: "When it was closed; null if it is not." }),
    version: z.number().int().min(1),
    ...slaOverallFields,
  })
  .meta({ id: "TicketListItem" });
export type TicketListItem = z.infer<typeof ticketListItemSchema>;

export const ticketListPageSchema = z
  .object({
    items: z.array(ticketListItemSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as cursor for the next page; null on the last page." }),
  })
  .meta({ id: "TicketListPage" });
export type TicketListPage = z.infer<typeof ticketListPageSchema>;
