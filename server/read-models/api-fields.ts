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
