import { z } from "zod";
import { customerSummarySchema } from "@/server/read-models/api-fields";

/** The query of GET /api/customers and of the /customers page. */
export const listCustomersQuery = z.strictObject({
  q: z.string().trim().max(200, { error: "q must be at most 200 characters." }).optional().meta({
    description:
      "Customers whose email, or a word of whose name, begins with each word of q (any case, accents ignored)",
  }),
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int({ error: "limit must be a whole number." })
    .min(1, { error: "limit must be between 1 and 100." })
    .max(100, { error: "limit must be between 1 and 100." })
    .default(25),
  cursor: z.string().max(600, { error: "cursor is not valid." }).optional(),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

export const customerPageSchema = z
  .object({
    items: z.array(customerSummarySchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as cursor for the next page; null on the last page." }),
  })
  .meta({ id: "CustomerPage" });
export type CustomerPage = z.infer<typeof customerPageSchema>;
