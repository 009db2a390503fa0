import { z } from "zod";
import { storedDashboardSchema } from "@/server/read-models/dashboard/dashboard-schema";

/**
 * A value stored as one JSON text field, checked against its schema on the way in and out. The
 * dashboard keeps its counters, its pending follow-up and its view this way because the embedded
 * database spends time per field of a document on every read and write (documents.ts).
 */
function jsonText<T extends z.ZodType>(schema: T) {
  return z.codec(z.string(), schema, {
    decode: (text, ctx) => {
      try {
        return JSON.parse(text) as z.input<T>;
      } catch (error) {
        ctx.issues.push({
          code: "invalid_format",
          format: "json",
          input: text,
          message: error instanceof Error ? error.message : String(error),
        });
        return z.NEVER;
      }
    },
    encode: (value) => JSON.stringify(value),
  });
}

/** Counter key → count. */
export const countsText = jsonText(z.record(z.string(), z.number().int()));
export type Counts = z.infer<typeof countsText>;

/** The follow-up of an aggregation's compare-and-set (aggregate.ts). */
export const pendingText = jsonText(
  z.object({
    /** Inbox documents the change took in. */
    inbox: z.array(z.string()),
    /** Entries to move forward: [ticket id hex, version, keys]. */
    entries: z.array(z.tuple([z.string(), z.number().int(), z.string()])),
    /** Whether the counters changed (else the view need not be written again). */
    counted: z.boolean(),
  }),
);
export type PendingAggregation = z.infer<typeof pendingText>;

/** The dashboard as its view stores it. */
export const dashboardText = jsonText(storedDashboardSchema);
