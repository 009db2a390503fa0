import { createHash } from "node:crypto";
import { MongoServerError, ObjectId } from "mongodb";
import { z } from "zod";
import { getCollections } from "@/server/db/client";
import { afterTicketWrite } from "@/server/projections/after-write";
import { IdempotencyKeyReusedError } from "@/server/tickets/domain/errors";
import { evolve } from "@/server/tickets/domain/evolve";
import {
  customerEmailSchema,
  customerSchema,
  messageSchema,
  prioritySchema,
  subjectSchema,
  tagListSchema,
} from "@/server/tickets/domain/schemas";
import type { CommandContext, TicketEvent } from "@/server/tickets/domain/types";
import { historyEntry, stateFields, type TicketDocument } from "@/server/tickets/write-model";
import {
  hashIdempotencyKey,
  hashRequest,
  type CommandOptions,
  type CommandResult,
} from "@/server/tickets/commands/command-options";

/** `customer: {email, name?}`; `customerEmail` (the first version's field) is still accepted. */
export const createTicketInput = z
  .strictObject({
    subject: subjectSchema,
    message: messageSchema,
    customer: customerSchema.nullish(),
    customerEmail: customerEmailSchema.nullish(),
    priority: prioritySchema.default("normal"),
    tags: tagListSchema.default([]),
  })
  .transform(({ customer, customerEmail, ...rest }) => ({
    ...rest,
    customer: customer ?? (customerEmail ? { email: customerEmail, name: null } : null),
  }));
export type CreateTicketInput = z.infer<typeof createTicketInput>;

export function decideCreateTicket(
  input: CreateTicketInput,
  followUpOf: string | null = null,
): TicketEvent {
  return {
    type: "TicketCreated",
    subject: input.subject,
    message: input.message,
    customer: input.customer,
    priority: input.priority,
    tags: input.tags,
    followUpOf,
  };
}

/**
 * With an idempotency key the ticket id is derived from the key, so the insert itself is the
 * de-duplication: a retry hits the unique `_id` and returns the first result, with no second
 * collection and no window between two writes.
 */
function ticketIdFor(key: string | undefined): ObjectId {
  if (!key) return new ObjectId();
  return derivedTicketId(`ticket\n${key}`);
}

/** A ticket id that is a function of `seed`, so inserting it twice is one ticket. */
const derivedTicketId = (seed: string) =>
  new ObjectId(createHash("sha256").update(seed).digest().subarray(0, 12));

/**
 * The document a new ticket is inserted as. Pure, so the seeder builds exactly what this
 * handler writes.
 */
export function createdTicketDocument(
  input: CreateTicketInput,
  ctx: CommandContext,
  ids: { _id: ObjectId; createdWith: TicketDocument["createdWith"] },
  followUpOf: string | null = null,
): TicketDocument {
  const event = decideCreateTicket(input, followUpOf);
  const meta = { ticketId: ids._id.toHexString(), at: ctx.now, actor: ctx.actor, version: 1 };
  const state = evolve(null, event, meta);
  return {
    _id: ids._id,
    ...stateFields(state),
    messageIds: [],
    followUps: [],
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
  const key = options.idempotency
    ? hashIdempotencyKey(options.idempotency.scope, options.idempotency.key)
    : undefined;
  const request = hashRequest("CreateTicket", input);
  return insertTicket(input, options.ctx, {
    _id: ticketIdFor(key),
    createdWith: key ? { key, request } : null,
    followUpOf: null,
  });
}

/**
 * Creates the follow-up of a closed ticket. Its id is derived from `seed` (the original ticket
 * and the message's id), so a retry of the same message creates no second follow-up.
 */
export function createFollowUpTicket(
  input: CreateTicketInput,
  followUpOf: string,
  seed: string,
  ctx: CommandContext,
): Promise<CommandResult> {
  const key = hashIdempotencyKey("follow-up", seed);
  return insertTicket(input, ctx, {
    _id: derivedTicketId(`follow-up\n${seed}`),
    createdWith: { key, request: hashRequest("CreateFollowUp", { input, followUpOf }) },
    followUpOf,
  });
}

/**
 * Inserts a new ticket. With a derived id the insert itself is the de-duplication: a retry hits
 * the unique `_id` and returns the first result, with no second collection and no window
 * between two writes.
 */
async function insertTicket(
  input: CreateTicketInput,
  ctx: CommandContext,
  ids: {
    _id: ObjectId;
    createdWith: TicketDocument["createdWith"];
    followUpOf: string | null;
  },
): Promise<CommandResult> {
  const { tickets } = await getCollections();
  const { _id, createdWith } = ids;
  const ticketId = _id.toHexString();
  const doc = createdTicketDocument(input, ctx, { _id, createdWith }, ids.followUpOf);

  try {
    await tickets.insertOne(doc);
  } catch (error) {
    if (!(createdWith && error instanceof MongoServerError && error.code === 11000)) throw error;
    const first = await tickets.findOne({ _id }, { projection: { createdWith: 1, dirtySince: 1 } });
    if (
      first?.createdWith?.key !== createdWith.key ||
      first.createdWith.request !== createdWith.request
    ) {
      throw new IdempotencyKeyReusedError();
    }
    // The first attempt may have died between its insert and its enqueue.
    if (first.dirtySince !== null) await afterTicketWrite(_id, ctx.now);
    return { ticketId, version: 1 };
  }
  await afterTicketWrite(_id, ctx.now);
  return { ticketId, version: 1 };
}
