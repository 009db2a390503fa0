import { z } from "zod";
import { FEED_TYPE_NAMES, type FeedType } from "@/server/events/event";

const isFeedType = (t: string): t is FeedType => (FEED_TYPE_NAMES as readonly string[]).includes(t);

/** The query of GET /api/events. */
export const feedQuerySchema = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,15}$/, { error: "after must be a cursor from an earlier answer (or 0)." })
    .transform(Number)
    .default(0)
    .meta({ description: "The nextCursor of an earlier answer; 0 or absent: from the start." }),
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int({ error: "limit must be a whole number." })
    .min(1, { error: "limit must be between 1 and 500." })
    .max(500, { error: "limit must be between 1 and 500." })
    .default(100),
  types: z
    .string()
    .transform((text, ctx) => {
      const types = text
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean);
      const unknown = types.filter((t) => !isFeedType(t));
      if (unknown.length > 0 || types.length === 0) {
        ctx.addIssue({
          code: "custom",
          message: `types must be a comma-separated list of ${FEED_TYPE_NAMES.join(", ")}${unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""}.`,
        });
        return z.NEVER;
      }
      return new Set(types.filter(isFeedType));
    })
    .optional()
    .meta({ description: `Only these types, comma-separated: ${FEED_TYPE_NAMES.join(", ")}` }),
  ticketId: z
    .string()
    .regex(/^[0-9a-f]{24}$/, { error: "ticketId must be a ticket id (24 hex characters)." })
    .optional(),
  wait: z.coerce
    .number({ error: "wait must be a number of seconds." })
    .int({ error: "wait must be a whole number of seconds." })
    .min(1, { error: "wait must be between 1 and 30 seconds." })
    .max(30, { error: "wait must be between 1 and 30 seconds." })
    .optional()
    .meta({
      description:
        "Long-poll: answer as soon as there is an event, or empty after this many seconds.",
    }),
});

const feedEventSchema = z
  .object({
    position: z.number().int().meta({ description: "Strictly increasing; never changes." }),
    id: z
      .string()
      .meta({ description: "`<ticketId>:<version>`; the webhook-id of its deliveries." }),
    type: z.enum(FEED_TYPE_NAMES as [FeedType, ...FeedType[]]),
    ticketId: z.string(),
    version: z.number().int(),
    at: z.string().meta({ description: "When it happened (ISO 8601)." }),
    actor: z.object({ name: z.string(), personId: z.string().optional() }),
    data: z.record(z.string(), z.unknown()).meta({
      description: "What a consumer needs without a second call; see docs/api.md, Event feed.",
    }),
  })
  .meta({ id: "FeedEvent" });

export const feedPageSchema = z
  .object({
    items: z.array(feedEventSchema),
    nextCursor: z.string().meta({
      description: "Always given, also at the end: store it and pass it as after to resume.",
    }),
  })
  .meta({ id: "FeedPage" });

/** The query of GET /api/events/stream. */
export const streamQuerySchema = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,15}$/, { error: "after must be a cursor from the feed (or 0)." })
    .optional()
    .meta({ description: "Start after this position; absent: from now on." }),
  status: z.enum(["true", "false"], { error: "status must be true or false." }).optional().meta({
    description:
      "true: also `event: status` messages, data {pending}: how many tickets wait for the projector, now and on every change",
  }),
});
