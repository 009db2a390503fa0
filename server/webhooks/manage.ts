import "server-only";
import { ObjectId, type Db } from "mongodb";
import { getDb } from "@/server/db/client";
import { feedCollections, positionId } from "@/server/events/collections";
import { readFeed } from "@/server/events/read";
import { readSequence } from "@/server/events/sequence";
import { ConflictError, ValidationError } from "@/server/tickets/domain/errors";
import type { Actor } from "@/server/tickets/domain/types";
import {
  ATTEMPTS_KEPT,
  attemptRange,
  parseWebhookId,
  toAttempt,
  webhookCollections,
  type WebhookDocument,
} from "@/server/webhooks/collection";
import { checkDestination } from "@/server/webhooks/destination";
import { WebhookNotFoundError } from "@/server/webhooks/errors";
import { webhookPolicy } from "@/server/webhooks/policy";
import type { ReplayInput, Webhook, WebhookInput, WebhookPatch } from "@/server/webhooks/schemas";
import { newSecret, ROTATION_OVERLAP_MS } from "@/server/webhooks/signing";

/** At most this many subscriptions: the dispatcher reads them all a few times a second. */
const MAX_WEBHOOKS = 50;

const collectionsOf = async () => webhookCollections(await getDb());

/** The answer for one subscription: never its secrets. */
async function toWebhook(db: Db, doc: WebhookDocument, now: Date): Promise<Webhook> {
  const visible = (await readSequence(db)).visible;
  let seconds = 0;
  if (doc.position < visible) {
    const types = doc.types ? new Set(doc.types) : undefined;
    const next = await readFeed(db, { after: doc.position, limit: 1, types }).catch(() => null);
    const at = next?.items[0]?.at;
    if (at) seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / 1_000));
  }
  const previous = doc.secrets.find((s) => s.expiresAt !== null && s.expiresAt > now);
  return {
    id: doc._id.toHexString(),
    url: doc.url,
    types: doc.types,
    description: doc.description,
    active: doc.active,
    disabled: doc.disabled && { at: doc.disabled.at.toISOString(), reason: doc.disabled.reason },
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    updatedBy: doc.updatedBy.name,
    secretRotatedAt: doc.secretRotatedAt?.toISOString() ?? null,
    previousSecretExpiresAt: previous?.expiresAt?.toISOString() ?? null,
    position: doc.position,
    behind: { events: Math.max(0, visible - doc.position), seconds },
    retry: doc.retry && {
      position: doc.retry.position,
      attempts: doc.retry.attempts,
      nextAt: doc.retry.nextAt.toISOString(),
      failingSince: doc.retry.failingSince.toISOString(),
      lastError: doc.retry.lastError,
    },
    lastDeliveredAt: doc.lastDeliveredAt?.toISOString() ?? null,
  };
}

/** Every subscription, oldest first. */
export async function listWebhooks(now = new Date()): Promise<Webhook[]> {
  const db = await getDb();
  const docs = await webhookCollections(db).webhooks.find({}).sort({ createdAt: 1 }).toArray();
  return Promise.all(docs.map((doc) => toWebhook(db, doc, now)));
}

/** One subscription with its last 100 attempts, newest first. */
export async function getWebhook(id: string, now = new Date()): Promise<Webhook> {
  const db = await getDb();
  const { webhooks, attempts } = webhookCollections(db);
  const doc = await webhooks.findOne({ _id: parseWebhookId(id) });
  if (!doc) throw new WebhookNotFoundError(id);
  const recent = await attempts
    .find({ _id: attemptRange(doc._id.toHexString()) })
    .sort({ _id: -1 })
    .limit(ATTEMPTS_KEPT)
    .toArray();
  return { ...(await toWebhook(db, doc, now)), attempts: recent.map(toAttempt) };
}

/**
 * Subscribes a URL to the feed from now on (its position is the feed's end). Answers the
 * signing secret, this once.
 */
export async function createWebhook(
  input: WebhookInput,
  actor: Actor,
  now = new Date(),
): Promise<Webhook & { secret: string }> {
  const url = await checkDestination(input.url, webhookPolicy());
  const db = await getDb();
  const { webhooks } = webhookCollections(db);
  if ((await webhooks.countDocuments({})) >= MAX_WEBHOOKS) {
    throw new ConflictError(`There are already ${MAX_WEBHOOKS} webhook subscriptions.`);
  }
  const secret = newSecret();
  const doc: WebhookDocument = {
    _id: new ObjectId(),
    url,
    types: input.types,
    description: input.description,
    active: input.active,
    disabled: null,
    secrets: [{ secret, createdAt: now, expiresAt: null }],
    secretRotatedAt: null,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
    position: (await readSequence(db)).visible,
    epoch: 0,
    redeliver: [],
    retry: null,
    lastDeliveredAt: null,
    owner: null,
    leaseUntil: new Date(0),
  };
  await webhooks.insertOne(doc);
  return { ...(await toWebhook(db, doc, now)), secret };
}

/**
 * Changes what was sent; `rotateSecret` answers a new secret, this once, and keeps the old one
 * signing for 24 hours. Turning a subscription on again clears why it was off and retries its
 * event at once.
 */
export async function updateWebhook(
  id: string,
  patch: WebhookPatch,
  actor: Actor,
  now = new Date(),
): Promise<Webhook & { secret?: string }> {
  const _id = parseWebhookId(id);
  const db = await getDb();
  const { webhooks } = webhookCollections(db);
  const current = await webhooks.findOne({ _id });
  if (!current) throw new WebhookNotFoundError(id);
  const set: Partial<WebhookDocument> = { updatedAt: now, updatedBy: actor };
  if (patch.url !== undefined) set.url = await checkDestination(patch.url, webhookPolicy());
  if (patch.types !== undefined) set.types = patch.types;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.active !== undefined) {
    set.active = patch.active;
    if (patch.active && !current.active) Object.assign(set, { disabled: null, retry: null });
  }
  let secret: string | undefined;
  if (patch.rotateSecret) {
    secret = newSecret();
    const expiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    set.secrets = [
      { secret, createdAt: now, expiresAt: null },
      // Only the secret current until now keeps signing; an older rotated one ends here.
      ...current.secrets.filter((s) => s.expiresAt === null).map((s) => ({ ...s, expiresAt })),
    ];
    set.secretRotatedAt = now;
  }
  const updated = await webhooks.findOneAndUpdate(
    { _id },
    { $set: set },
    { returnDocument: "after" },
  );
  if (!updated) throw new WebhookNotFoundError(id);
  const answer = await toWebhook(db, updated, now);
  return secret ? { ...answer, secret } : answer;
}

/** Deletes a subscription and its attempts log. */
export async function deleteWebhook(id: string): Promise<void> {
  const _id = parseWebhookId(id);
  const { webhooks, attempts } = await collectionsOf();
  const removed = await webhooks.deleteOne({ _id });
  if (removed.deletedCount === 0) throw new WebhookNotFoundError(id);
  await attempts.deleteMany({ _id: attemptRange(_id.toHexString()) });
}

/** Queues one event to be sent again (once, ahead of the feed), whatever the types say. */
export async function redeliverEvent(id: string, position: number): Promise<Webhook> {
  const _id = parseWebhookId(id);
  const db = await getDb();
  const { webhooks } = webhookCollections(db);
  if ((await webhooks.countDocuments({ _id }, { limit: 1 })) === 0) {
    throw new WebhookNotFoundError(id);
  }
  const event = await feedCollections(db).events.findOne({ _id: positionId(position) });
  if (!event || position > (await readSequence(db)).visible) {
    const message = `There is no event at position ${position} in the feed.`;
    throw new ValidationError(message, { position: [message] });
  }
  const updated = await webhooks.findOneAndUpdate(
    { _id },
    { $addToSet: { redeliver: position } },
    { returnDocument: "after" },
  );
  if (!updated) throw new WebhookNotFoundError(id);
  return toWebhook(db, updated, new Date());
}

/**
 * Sends everything again from a position, or from the first event at or after a time, in feed
 * order. Any delivery claimed before the replay cannot move the position back past it.
 */
export async function replayWebhook(id: string, input: ReplayInput): Promise<Webhook> {
  const _id = parseWebhookId(id);
  const db = await getDb();
  const sequence = await readSequence(db);
  const from =
    "fromPosition" in input
      ? input.fromPosition
      : await firstPositionAtOrAfter(
          db,
          new Date(input.fromTime),
          sequence.start,
          sequence.visible,
        );
  if (from < sequence.start) {
    const message = `The feed now starts at position ${sequence.start}; events before it were pruned.`;
    throw new ValidationError(message, { fromPosition: [message] });
  }
  const updated = await webhookCollections(db).webhooks.findOneAndUpdate(
    { _id },
    {
      $set: { position: Math.min(from, sequence.visible + 1) - 1, retry: null, redeliver: [] },
      $inc: { epoch: 1 },
    },
    { returnDocument: "after" },
  );
  if (!updated) throw new WebhookNotFoundError(id);
  return toWebhook(db, updated, new Date());
}

/**
 * Binary search over positions (each an `_id` lookup). Positions are given in the order the
 * projector saw the changes, so times near the answer may be out of order by the projection lag.
 */
async function firstPositionAtOrAfter(db: Db, time: Date, start: number, visible: number) {
  const { events } = feedCollections(db);
  let low = Math.max(1, start);
  let high = visible + 1; // none at or after: the end of the feed
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const doc = await events.findOne({ _id: positionId(middle) }, { projection: { at: 1 } });
    if (doc && doc.at < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
