import "server-only";
import { z } from "zod";
import { getCollections, reportDatabaseOutcome } from "@/server/db/client";
import { isTransientDatabaseError } from "@/server/db/errors";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { changeTags } from "@/server/tickets/commands/change-tags";
import type { CommandOptions, CommandResult } from "@/server/tickets/commands/command-options";
import { parseTicketId } from "@/server/tickets/ticket-id";
import { setPriority } from "@/server/tickets/commands/set-priority";
import { DomainError } from "@/server/tickets/domain/errors";
import {
  assigneeSchema,
  prioritySchema,
  statusSchema,
  tagListSchema,
  ticketIdSchema,
} from "@/server/tickets/domain/schemas";

const MAX_BULK_TICKETS = 100;

/** One change (status, assignee, priority or tags) for 1–100 tickets. An empty assignee unassigns. */
export const bulkChangeInput = z.strictObject({
  ticketIds: z
    .array(ticketIdSchema, { error: "Select the tickets to change." })
    .min(1, { error: "Select at least one ticket." })
    .max(MAX_BULK_TICKETS, { error: `Select at most ${MAX_BULK_TICKETS} tickets at a time.` })
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
  change: z.discriminatedUnion(
    "field",
    [
      z.strictObject({ field: z.literal("status"), status: statusSchema }),
      z.strictObject({
        field: z.literal("assignee"),
        assignee: z.preprocess(
          (v) => (typeof v === "string" && !v.trim() ? null : v),
          assigneeSchema,
        ),
      }),
      z.strictObject({ field: z.literal("priority"), priority: prioritySchema }),
      z
        .strictObject({
          field: z.literal("tags"),
          add: tagListSchema.default([]),
          remove: tagListSchema.default([]),
        })
        .refine((change) => change.add.length + change.remove.length > 0, {
          error: "Give tags to add or to remove.",
          path: ["add"],
        }),
    ],
    { error: "Choose what to change: status, assignee, priority or tags." },
  ),
});
export type BulkChangeInput = z.infer<typeof bulkChangeInput>;

export interface BulkTicketResult {
  ticketId: string;
  outcome: "applied" | "unchanged" | "rejected";
  /** Why it was rejected, in words an agent can act on. */
  reason?: string;
  /** The version written (applied) or kept (unchanged): the consistency token for reads. */
  version?: number;
}

function run(ticketId: string, input: BulkChangeInput, options: CommandOptions) {
  const { change } = input;
  switch (change.field) {
    case "status":
      return changeStatus(ticketId, { status: change.status }, options);
    case "assignee":
      return assignAgent(ticketId, { assignee: change.assignee }, options);
    case "priority":
      return setPriority(ticketId, { priority: change.priority }, options);
    case "tags":
      return changeTags(ticketId, { add: change.add, remove: change.remove }, options);
    default: {
      const never: never = change;
      throw new Error(`Unknown change ${JSON.stringify(never)}`);
    }
  }
}

async function changeOne(
  ticketId: string,
  input: BulkChangeInput,
  options: CommandOptions,
): Promise<BulkTicketResult> {
  try {
    // The version before, to tell a change from a no-op (a command that changes nothing
    // returns the version it found). One `_id` read, which every database serves from an index.
    const { tickets } = await getCollections();
    const before = await tickets.findOne(
      { _id: parseTicketId(ticketId) },
      { projection: { version: 1 } },
    );
    const result: CommandResult = await run(ticketId, input, options);
    reportDatabaseOutcome(true);
    const unchanged = before !== null && before.version === result.version;
    return { ticketId, outcome: unchanged ? "unchanged" : "applied", version: result.version };
  } catch (error) {
    if (error instanceof DomainError)
      return { ticketId, outcome: "rejected", reason: error.message };
    if (isTransientDatabaseError(error)) {
      reportDatabaseOutcome(false);
      return {
        ticketId,
        outcome: "rejected",
        reason:
          "The database could not be reached, so this ticket may not have changed. Try again.",
      };
    }
    console.error(error);
    return { ticketId, outcome: "rejected", reason: "Something went wrong on our side." };
  }
}

const PARALLEL = 4;

/**
 * Runs one command per ticket through the ordinary handlers: each ticket is its own atomic write,
 * so one ticket's refusal (a closed ticket) never blocks the others. Results keep the input order.
 */
export async function runBulkChange(
  input: BulkChangeInput,
  options: CommandOptions,
): Promise<BulkTicketResult[]> {
  const results: BulkTicketResult[] = new Array<BulkTicketResult>(input.ticketIds.length);
  let next = 0;
  const worker = async () => {
    while (next < input.ticketIds.length) {
      const index = next++;
      results[index] = await changeOne(input.ticketIds[index]!, input, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, input.ticketIds.length) }, worker));
  return results;
}
