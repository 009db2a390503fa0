import { z } from "zod";
import {
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
    assignee: z.string().nullable(),
    customerEmail: z.string().nullable(),
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
