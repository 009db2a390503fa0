import { ObjectId, type Db } from "mongodb";
import type { FeedType } from "@/server/events/event";
import { WebhookNotFoundError } from "@/server/webhooks/errors";
import type { Attempt } from "@/server/webhooks/schemas";
import type { Actor } from "@/server/tickets/domain/types";

export const WEBHOOK_COLLECTIONS = {
  /** One document per subscription: what leads set, and its delivery state. */
  webhooks: "webhooks",
  /** The last attempts of each subscription, `_id` `<webhook id>|<15-digit ms><4-digit n>`. */
  attempts: "webhook_attempts",
} as const;

export interface SigningSecret {
  /** whsec_…: kept as is, because signing needs it (docs/webhooks.md, "Secrets"). */
  secret: string;
  createdAt: Date;
  /** null: the current secret; a date: a rotated-out one, valid until then. */
  expiresAt: Date | null;
}

/** The event a failing subscription is retrying, and when it tries again. */
interface RetryState {
  position: number;
  attempts: number;
  nextAt: Date;
  failingSince: Date;
  lastError: string;
}

export interface WebhookDocument {
  _id: ObjectId;
  url: string;
  types: FeedType[] | null;
  description: string;
  active: boolean;
  disabled: { at: Date; reason: string } | null;
  secrets: SigningSecret[];
  secretRotatedAt: Date | null;
  createdAt: Date;
  createdBy: Actor;
  updatedAt: Date;
  updatedBy: Actor;
  // Delivery state, written by the dispatcher under its lease (server/webhooks/dispatcher.ts).
  /** The last feed position delivered, or passed over because of `types`. */
  position: number;
  /** Moved by a replay or a URL change: a delivery claimed before it may not move `position`. */
  epoch: number;
  /** Positions a lead asked to send again, once each, ahead of the feed. */
  redeliver: number[];
  retry: RetryState | null;
  lastDeliveredAt: Date | null;
  /** The claim of the one process delivering for this subscription, until `leaseUntil`. */
  owner: string | null;
  leaseUntil: Date;
}

export interface AttemptDocument {
  _id: string;
  webhookId: string;
  at: Date;
  eventId: string;
  position: number;
  attempt: number;
  status: number | null;
  durationMs: number;
  ok: boolean;
  error: string | null;
}

/** Attempts kept per subscription. */
export const ATTEMPTS_KEPT = 100;

export function webhookCollections(db: Db) {
  return {
    webhooks: db.collection<WebhookDocument>(WEBHOOK_COLLECTIONS.webhooks),
    attempts: db.collection<AttemptDocument>(WEBHOOK_COLLECTIONS.attempts),
  };
}

/** A subscription id from outside (a URL, a form): a malformed one is simply not found. */
export function parseWebhookId(id: string): ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new WebhookNotFoundError(id);
  return ObjectId.createFromHexString(id.toLowerCase());
}

let counter = 0;
/** Attempt keys sort by time within a subscription, so its newest are an `_id` range. */
export function attemptId(webhookId: string, at: Date): string {
  counter = (counter + 1) % 10_000;
  return `${webhookId}|${String(at.getTime()).padStart(15, "0")}${String(counter).padStart(4, "0")}`;
}
export const attemptRange = (webhookId: string) => ({
  $gt: `${webhookId}|`,
  $lt: `${webhookId}|~`,
});

export const toAttempt = (doc: AttemptDocument): Attempt => ({
  at: doc.at.toISOString(),
  eventId: doc.eventId,
  position: doc.position,
  attempt: doc.attempt,
  status: doc.status,
  durationMs: doc.durationMs,
  ok: doc.ok,
  error: doc.error,
});
