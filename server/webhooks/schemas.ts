import { z } from "zod";
import { FEED_TYPE_NAMES, type FeedType } from "@/server/events/event";

// What a webhook subscription is made of, and how the API answers with one: used by the routes,
// the admin page's actions and the OpenAPI document alike.

const feedType = z.enum(FEED_TYPE_NAMES as [FeedType, ...FeedType[]], {
  error: `Each event type must be one of ${FEED_TYPE_NAMES.join(", ")}.`,
});

const url = z
  .string({ error: "URL must be text." })
  .trim()
  .min(1, { error: "URL is required." })
  .max(2_000, { error: "URL must be at most 2,000 characters." })
  .meta({ description: "http or https; never a loopback, private or link-local address" });

const types = z
  .array(feedType, { error: "Event types must be a list of event types, or null for all." })
  .max(FEED_TYPE_NAMES.length)
  .nullable()
  .transform((list) => (list === null || list.length === 0 ? null : [...new Set(list)].sort()))
  .meta({ description: "The event types to deliver; null (or an empty list): every type" });

const description = z
  .string({ error: "Description must be text." })
  .trim()
  .max(200, { error: "Description must be at most 200 characters." });

/** POST /api/webhooks. */
export const webhookInput = z
  .strictObject({
    url,
    types: types.default(null),
    description: description.default(""),
    active: z.boolean({ error: "active must be true or false." }).default(true),
  })
  .meta({ id: "WebhookInput" });
export type WebhookInput = z.infer<typeof webhookInput>;

/** PATCH /api/webhooks/{id}: any of the fields; `rotateSecret` makes a new signing secret. */
export const webhookPatch = z
  .strictObject({
    url: url.optional(),
    types: types.optional(),
    description: description.optional(),
    active: z.boolean({ error: "active must be true or false." }).optional(),
    rotateSecret: z.literal(true, { error: "rotateSecret can only be true." }).optional().meta({
      description:
        "Make a new signing secret (answered once, as `secret`); the old one stays valid for 24 hours and both sign meanwhile",
    }),
  })
  .meta({ id: "WebhookPatch" });
export type WebhookPatch = z.infer<typeof webhookPatch>;

const position = z
  .number({ error: "position must be a feed position." })
  .int({ error: "position must be a whole number." })
  .min(1, { error: "position must be 1 or more." });

/** POST /api/webhooks/{id}/redeliver. */
export const redeliverInput = z
  .strictObject({ position: position.meta({ description: "The event's feed position" }) })
  .meta({ id: "WebhookRedeliver" });

/** POST /api/webhooks/{id}/replay: from a position, or from a time. */
export const replayInput = z
  .union(
    [
      z.strictObject({ fromPosition: position }),
      z.strictObject({
        fromTime: z.iso.datetime({
          offset: true,
          error: "fromTime must be an ISO 8601 date and time.",
        }),
      }),
    ],
    { error: "Send either fromPosition (a feed position) or fromTime (an ISO 8601 time)." },
  )
  .meta({ id: "WebhookReplay" });
export type ReplayInput = z.infer<typeof replayInput>;

const attemptSchema = z
  .object({
    at: z.iso.datetime(),
    eventId: z.string().meta({ description: "The webhook-id sent" }),
    position: z.number().int(),
    attempt: z.number().int().meta({ description: "1 for the first try of this event" }),
    status: z.number().int().nullable().meta({ description: "The HTTP status; null: none" }),
    durationMs: z.number().int(),
    ok: z.boolean(),
    error: z.string().nullable(),
  })
  .meta({ id: "WebhookAttempt" });
export type Attempt = z.infer<typeof attemptSchema>;

export const webhookSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{24}$/),
    url: z.string(),
    types: z.array(feedType).nullable().meta({ description: "null: every type" }),
    description: z.string(),
    active: z.boolean(),
    disabled: z
      .object({ at: z.iso.datetime(), reason: z.string() })
      .nullable()
      .meta({ description: "Why deliveries stopped, when the desk turned it off" }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string(),
    secretRotatedAt: z.iso.datetime().nullable(),
    previousSecretExpiresAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: "While set, deliveries carry both signatures" }),
    position: z
      .number()
      .int()
      .meta({ description: "The last feed position delivered (or passed over by the types)" }),
    behind: z.object({
      events: z.number().int().meta({ description: "Feed positions after `position`" }),
      seconds: z
        .number()
        .int()
        .meta({ description: "Age of the oldest event not yet delivered; 0 when caught up" }),
    }),
    retry: z
      .object({
        position: z.number().int(),
        attempts: z.number().int(),
        nextAt: z.iso.datetime(),
        failingSince: z.iso.datetime(),
        lastError: z.string(),
      })
      .nullable()
      .meta({ description: "The event being retried, while one is" }),
    lastDeliveredAt: z.iso.datetime().nullable(),
    attempts: z
      .array(attemptSchema)
      .optional()
      .meta({ description: "The last 100 attempts, newest first (GET /api/webhooks/{id} only)" }),
  })
  .meta({ id: "Webhook" });
export type Webhook = z.infer<typeof webhookSchema>;

export const createdWebhookSchema = webhookSchema
  .extend({
    secret: z.string().meta({
      description: "The signing secret (whsec_…), shown this once: store it now",
    }),
  })
  .meta({ id: "CreatedWebhook" });

export const webhookListSchema = z
  .object({ items: z.array(webhookSchema).meta({ description: "Oldest first" }) })
  .meta({ id: "WebhookList" });
