import { z } from "zod";
import { isoTimeField, statusField, ticketIdField } from "@/server/read-models/api-fields";

/** One customer as GET /api/customers/{email} and the customer page see them. */
export const customerDetailSchema = z
  .object({
    email: z.string().meta({ description: "In lower case: customers are the same in any case." }),
    name: z
      .string()
      .nullable()
      .meta({ description: "The name on their most recently updated ticket that has one." }),
    ticketCounts: z.object({
      open: z.number().int(),
      triaged: z.number().int(),
      closed: z.number().int(),
    }),
    firstContactAt: isoTimeField.meta({ description: "When their first ticket was created." }),
    lastContactAt: isoTimeField.meta({
      description: "The last message, theirs or a reply, in any of their tickets.",
    }),
    tickets: z
      .array(
        z.object({
          ticketId: ticketIdField,
          subject: z.string(),
          status: statusField,
          createdAt: isoTimeField,
          lastMessageAt: isoTimeField,
          awaitingReply: z.boolean(),
        }),
      )
      .meta({ description: "Every ticket of theirs, newest first." }),
  })
  .meta({ id: "CustomerDetail" });
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

/** The customer's page: by email, in lower case (pure, for links from anywhere). */
export const customerHref = (email: string) =>
  `/customers/${encodeURIComponent(email.toLowerCase())}`;
