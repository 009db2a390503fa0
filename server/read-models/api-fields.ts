import { z } from "zod";
import { PRIORITIES, STATUSES } from "@/server/tickets/domain/types";

// The pieces the read models' response schemas (for the API and its OpenAPI document) share.

export const ticketIdField = z
  .string()
  .regex(/^[0-9a-f]{24}$/)
  .meta({ description: "24 hexadecimal characters" });
export const isoTimeField = z.iso.datetime();
export const statusField = z.enum(STATUSES);
export const priorityField = z.enum(PRIORITIES);
export const customerField = z
  .object({ email: z.string(), name: z.string().nullable() })
  .meta({ id: "Customer" });

/** One customer's figures, as GET /api/customers lists them and the customer's page heads. */
export const customerSummarySchema = z
  .object({
    email: z.string().meta({ description: "In lower case: customers are the same in any case." }),
    name: z
      .string()
      .nullable()
      .meta({ description: "The name on their newest ticket that has one." }),
    ticketCounts: z.object({
      open: z.number().int(),
      triaged: z.number().int(),
      closed: z.number().int(),
    }),
    firstContactAt: isoTimeField.meta({ description: "When their first ticket was created." }),
    lastContactAt: isoTimeField.meta({
      description: "The last message, theirs or a reply, in any of their tickets.",
    }),
  })
  .meta({ id: "CustomerSummary" });
export type CustomerSummary = z.infer<typeof customerSummarySchema>;
