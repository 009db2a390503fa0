import "server-only";
import { env } from "@/server/env";
import type { DestinationPolicy } from "@/server/webhooks/destination";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "@/server/webhooks/retry";

/** Where deliveries may go, from WEBHOOKS_ALLOW_PRIVATE. */
export const webhookPolicy = (): DestinationPolicy => ({
  allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
});

/** The retry schedule, from WEBHOOKS_RETRY_SCHEDULE_MS and WEBHOOKS_GIVE_UP_AFTER_MINUTES. */
export const retryPolicy = (): RetryPolicy => ({
  scheduleMs: env.WEBHOOKS_RETRY_SCHEDULE_MS ?? DEFAULT_RETRY_POLICY.scheduleMs,
  giveUpMs: env.WEBHOOKS_GIVE_UP_AFTER_MINUTES * 60_000,
});
