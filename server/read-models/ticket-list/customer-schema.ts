import { z } from "zod";
import {
  customerSummarySchema,
  isoTimeField,
  statusField,
  ticketIdField,
} from "@/server/read-models/api-fields";

/** One customer as GET /api/customers/{email} and the customer page see them: figures, tickets. */
export const customerDetailSchema = customerSummarySchema
  .extend({
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
