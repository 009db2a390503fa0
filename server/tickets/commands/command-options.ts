import { createHash } from "node:crypto";
import { ObjectId } from "mongodb";
import type { Actor, CommandContext } from "@/server/tickets/domain/types";

export interface CommandOptions {
  ctx: CommandContext;
  /** Refuse with a version conflict unless the ticket is still at this version. */
  expectedVersion?: number;
  /** A retried key returns the first result and writes nothing. */
  idempotency?: { key: string; scope: string };
}

/** What every command returns: the consistency token for reads (`minVersion`). */
export interface CommandResult {
  ticketId: string;
  version: number;
}

export function systemContext(actor: Actor): CommandContext {
  return { actor, now: new Date(), newId: () => new ObjectId().toHexString() };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export const hashIdempotencyKey = (scope: string, key: string) => sha256(`${scope}\n${key}`);

/** A stable fingerprint of a request: the command name and its normalized input. */
export const hashRequest = (command: string, input: unknown) =>
  sha256(`${command}\n${JSON.stringify(input)}`);
