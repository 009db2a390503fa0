import { createHash } from "node:crypto";
import type { Collection, UpdateFilter } from "mongodb";
import { getCollections } from "@/server/db/client";
import { afterTicketWrite } from "@/server/projections/after-write";
import {
  DomainError,
  TicketNotFoundError,
  VersionConflictError,
  IdempotencyKeyReusedError,
} from "@/server/tickets/domain/errors";
import { evolve } from "@/server/tickets/domain/evolve";
import { parseTicketId } from "@/server/tickets/ticket-id";
import {
  entryOf,
  isSystemEvent,
  type CommandContext,
  type ConversationEntry,
  type TicketEvent,
  type TicketState,
} from "@/server/tickets/domain/types";
import { CONTENTION, TicketContendedError, backoffMs } from "@/server/tickets/commands/contention";
import { isDuplicateKey } from "@/server/db/errors";
import {
  HISTORY_LIMIT,
  IDEMPOTENCY_LIMIT,
  historyEntry,
  messageDocument,
  stateFields,
  toState,
  type IdempotencyRecord,
  type MessageDocument,
  type TicketDocument,
  type TicketUpdate,
} from "@/server/tickets/write-model";
import {
  hashIdempotencyKey,
  hashRequest,
  type CommandOptions,
  type CommandResult,
} from "@/server/tickets/commands/command-options";

export type Decision = TicketEvent | null | DomainError;

/**
 * Loads a ticket, decides, and applies the event with one single-document write guarded by the
 * version that was read. When another write got there first, the decision is taken again on the
 * fresh state (so "closed stays closed" holds under races), unless the caller pinned
 * `expectedVersion`, in which case that is a conflict.
 */
export async function runTicketCommand(
  command: string,
  ticketId: string,
  input: unknown,
  decide: (state: TicketState, ctx: CommandContext) => Decision,
  options: CommandOptions,
): Promise<CommandResult> {
  const _id = parseTicketId(ticketId);
  const { tickets, messages } = await getCollections();
  const key = options.idempotency
    ? hashIdempotencyKey(options.idempotency.scope, options.idempotency.key)
    : undefined;
  const request = hashRequest(command, { ticketId: _id.toHexString(), input });
  // One id for whatever this command adds, however many times it decides: a lost race must
  // not leave a message behind per attempt, and a retry with the same key must find the first.
  const entryId = key
    ? createHash("sha256").update(`${key}\n${request}`).digest("hex").slice(0, 24)
    : options.ctx.newId();
  const ctx: CommandContext = { ...options.ctx, newId: () => entryId };

  const giveUpAt = Date.now() + CONTENTION.budgetMs;
  for (let attempt = 1; ; attempt++) {
    const doc = await tickets.findOne({ _id });
    if (!doc) throw new TicketNotFoundError(ticketId);

    const seen = key ? doc.idempotency.find((r) => r.key === key) : undefined;
    if (seen) {
      if (seen.request !== request) throw new IdempotencyKeyReusedError();
      // The first attempt may have died between its write and its enqueue.
      if (doc.dirtySince !== null) await afterTicketWrite(_id, options.ctx.now);
      return { ticketId: _id.toHexString(), version: seen.version };
    }
    if (
      options.expectedVersion !== undefined &&
      options.expectedVersion !== doc.version &&
      !onlySystemEventsSince(doc, options.expectedVersion)
    ) {
      throw new VersionConflictError(options.expectedVersion, doc.version);
    }

    const decision = decide(toState(doc), ctx);
    if (decision instanceof DomainError) throw decision;
    if (decision === null) {
      // Nothing to change. With a key, remember this answer so a retry gets it again even if
      // the ticket has changed by then; the version stays, so no one else is disturbed.
      if (!key) return { ticketId: _id.toHexString(), version: doc.version };
      const record = { key, request, version: doc.version };
      const remembered = await tickets.updateOne(
        { _id, version: doc.version },
        appendIdempotency(doc, record),
      );
      if (remembered.matchedCount === 1)
        return { ticketId: _id.toHexString(), version: doc.version };
      continue;
    }

    const { version, at, update } = ticketWrite(
      doc,
      decision,
      ctx,
      key ? { key, request } : undefined,
    );
    const entry = entryOf(decision);
    if (entry) await writeMessage(messages, _id.toHexString(), entry);
    const written = await tickets.updateOne({ _id, version: doc.version }, update);
    if (written.matchedCount === 1) {
      await afterTicketWrite(_id, at);
      return { ticketId: _id.toHexString(), version };
    }
    // Someone else wrote first. The next round re-reads: a retry of this same request is then
    // answered from its key, and a pinned expectedVersion becomes a conflict. Back off first.
    const wait = backoffMs(attempt);
    if (Date.now() + wait > giveUpAt) throw new TicketContendedError(ticketId, attempt);
    await new Promise((r) => setTimeout(r, wait));
  }
}

/**
 * Whether every version after `version` is one the desk recorded by itself (an SLA warning or
 * breach): a person who saw `version` has then missed nothing a person did, so their edit is
 * not a conflict.
 */
function onlySystemEventsSince(doc: TicketDocument, version: number): boolean {
  if (version > doc.version) return false;
  const since = doc.history.filter((e) => e.version > version);
  return since.length === doc.version - version && since.every((e) => isSystemEvent(e.type));
}

/**
 * What applying a decided event writes: the next version, its time and the update. Pure, so the
 * seeder builds, with `applyTicketUpdate`, exactly the document this handler leaves behind.
 */
export function ticketWrite(
  doc: TicketDocument,
  event: TicketEvent,
  ctx: Pick<CommandContext, "actor" | "now">,
  idempotency?: { key: string; request: string },
): { version: number; at: Date; update: TicketUpdate } {
  const version = doc.version + 1;
  // Never let a ticket's clock go backwards when a command that lost a race is retried.
  const at = ctx.now < doc.updatedAt ? doc.updatedAt : ctx.now;
  const next = evolve(toState(doc), event, {
    ticketId: doc._id.toHexString(),
    at,
    actor: ctx.actor,
    version,
  });
  const update = buildUpdate(doc, event, next, {
    version,
    at,
    actor: ctx.actor,
    idempotency: idempotency ? { ...idempotency, version } : undefined,
  });
  return { version, at, update };
}

function buildUpdate(
  doc: TicketDocument,
  event: TicketEvent,
  next: TicketState,
  meta: {
    version: number;
    at: Date;
    actor: { id: string; name: string };
    idempotency: IdempotencyRecord | undefined;
  },
): TicketUpdate {
  const entry = historyEntry(event, meta);
  const set: Partial<TicketDocument> = {
    ...stateFields(next),
    // Keep the oldest unprojected time: it is what "oldest pending" and lag are measured from.
    dirtySince: doc.dirtySince ?? meta.at,
  };
  const push: NonNullable<TicketUpdate["$push"]> = {};

  // Arrays are bounded here rather than with $push/$slice, which the embedded database lacks.
  // The write is guarded by version, so replacing a whole array is as safe as appending.
  // Only entries the projector has projected are dropped: the event feed is staged from the
  // history, so an entry it has not taken yet stays, even past the limit, until it has.
  const keep = doc.history.filter(
    (h, i) => i >= doc.history.length - (HISTORY_LIMIT - 1) || h.version > doc.projectedVersion,
  );
  if (keep.length < doc.history.length) set.history = [...keep, entry];
  else push.history = { $each: [entry] };

  if (meta.idempotency) {
    if (doc.idempotency.length >= IDEMPOTENCY_LIMIT) {
      set.idempotency = [...doc.idempotency.slice(1 - IDEMPOTENCY_LIMIT), meta.idempotency];
    } else push.idempotency = { $each: [meta.idempotency] };
  }
  const added = entryOf(event);
  if (added) push.messageIds = { $each: [added.id] };
  if (event.type === "FollowUpCreated") push.followUps = { $each: [event.followUpId] };
  return Object.keys(push).length > 0 ? { $set: set, $push: push } : { $set: set };
}

/**
 * Writes an entry's body before the ticket write that accepts it. Until that write lands the
 * message is in no conversation (the ticket does not list it), so a crash in between leaves
 * only an unlisted message. The id is stable per command and key, so a retry finds it here.
 */
async function writeMessage(
  messages: Collection<MessageDocument>,
  ticketId: string,
  entry: ConversationEntry,
) {
  try {
    await messages.insertOne(messageDocument(ticketId, entry));
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** An update that only records an idempotency answer, keeping the last IDEMPOTENCY_LIMIT. */
function appendIdempotency(
  doc: TicketDocument,
  record: IdempotencyRecord,
): UpdateFilter<TicketDocument> {
  return doc.idempotency.length >= IDEMPOTENCY_LIMIT
    ? { $set: { idempotency: [...doc.idempotency.slice(1 - IDEMPOTENCY_LIMIT), record] } }
    : { $push: { idempotency: { $each: [record] } } };
}
