import "server-only";
import { getDb } from "@/server/db/client";
import { env } from "@/server/env";
import { WebhookDispatcher } from "@/server/webhooks/dispatcher";
import { retryPolicy, webhookPolicy } from "@/server/webhooks/policy";

// One dispatcher per process, beside its projector; on globalThis so dev reloads start no more.
const holder = globalThis as typeof globalThis & { __supportDeskWebhooks?: WebhookDispatcher };

/** Starts this process's webhook deliveries (idempotent). */
export function startWebhookDispatcher(): WebhookDispatcher {
  holder.__supportDeskWebhooks ??= new WebhookDispatcher({
    db: getDb,
    destinations: webhookPolicy(),
    timeoutMs: env.WEBHOOKS_TIMEOUT_MS,
    retry: retryPolicy(),
  });
  holder.__supportDeskWebhooks.start();
  return holder.__supportDeskWebhooks;
}

/** Stops this process's webhook deliveries, if they run, after the deliveries in flight. */
export async function stopWebhookDispatcher(): Promise<void> {
  await holder.__supportDeskWebhooks?.stop();
}
