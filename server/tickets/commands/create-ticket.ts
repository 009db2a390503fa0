import { createHash } from "node:crypto";
import { MongoServerError, ObjectId } from "mongodb";
import { z } from "zod";
import { getCollections } from "@/server/db/client";
import { afterTicketWrite } from "@/server/projections/after-write";
import { IdempotencyKeyReusedError } from "@/server/tickets/domain/errors";
import { evolve } from "@/server/tickets/domain/evolve";
import {
  customerEmailSchema,
  messageSchema,
  prioritySchema,
  subjectSchema,
} from "@/server/tickets/domain/schemas";
import type { CommandContext, TicketEvent } from "@/server/tickets/domain/types";
import { historyEntry, stateFields, type TicketDocument } from "@/server/tickets/write-model";
import {
  hashIdempotencyKey,
  hashRequest,
  type CommandOptions,
  type CommandResult,
} from "@/server/tickets/commands/command-options";

export const createTicketInput = z.strictObject({
  subject: subjectSchema,
  message: messageSchema,
  customerEmail: customerEmailSchema.nullish().transform((email) => email ?? null),
  priority: prioritySchema.default("normal"),
});
export type CreateTicketInput = z.infer<typeof createTicketInput>;

export function decideCreateTicket(input: CreateTicketInput): TicketEvent {
  return {
    type: "TicketCreated",
    subject: input.subject,
    message: input.message,
    customerEmail: input.customerEmail,
    priority: input.priority,
  };
}

/**
 * With an idempotency key the ticket id is derived from the key, so the insert itself is the
 * de-duplication: a retry hits the unique `_id` and returns the first result, with no second
 * collection and no window between two writes.
 */
function ticketIdFor(key: string | undefined): ObjectId {
  if (!key) return new ObjectId();
  return new ObjectId(createHash("sha256").update(`ticket\n${key}`).digest().subarray(0, 12));
}

/**
 * The document a new ticket is inserted as. Pure, so the seeder builds exactly what this
 * handler writes.
 */
export function createdTicketDocument(
  input: CreateTicketInput,
  ctx: CommandContext,
  ids: { _id: ObjectId; createdWith: TicketDocument["createdWith"] },
): TicketDocument {
  const event = decideCreateTicket(input);
  const meta = { ticketId: ids._id.toHexString(), at: ctx.now, actor: ctx.actor, version: 1 };
  const state = evolve(null, event, meta);
  return {
    _id: ids._id,
    ...stateFields(state),
    notes: [],
    history: [historyEntry(event, meta)],
    dirtySince: ctx.now,
    projectedVersion: 0,
    idempotency: [],
    createdWith: ids.createdWith,
  };
}

export async function createTicket(
  input: CreateTicketInput,
  options: CommandOptions,
): Promise<CommandResult> {
  const { ctx } = options;
  const { tickets } = await getCollections();
  const key = options.idempotency
    ? hashIdempotencyKey(options.idempotency.scope, options.idempotency.key)
    : undefined;
  const request = hashRequest("CreateTicket", input);
  const _id = ticketIdFor(key);
  const ticketId = _id.toHexString();

  const doc = createdTicketDocument(input, ctx, {
    _id,
    createdWith: key ? { key, request } : null,
  });

  try {
    await tickets.insertOne(doc);
  } catch (error) {
    if (!(key && error instanceof MongoServerError && error.code === 11000)) throw error;
    const first = await tickets.findOne({ _id }, { projection: { createdWith: 1, dirtySince: 1 } });
    if (first?.createdWith?.key !== key || first.createdWith.request !== request) {
      throw new IdempotencyKeyReusedError();
    }
    // The first attempt may have died between its insert and its enqueue.
    if (first.dirtySince !== null) await afterTicketWrite(_id, ctx.now);
    return { ticketId, version: 1 };
  }
  await afterTicketWrite(_id, ctx.now);
  return { ticketId, version: 1 };
}
