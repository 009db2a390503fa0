import type { ObjectId } from "mongodb";
import { addNoteInput, decideAddNote } from "@/server/tickets/commands/add-note";
import { decideAssignAgent } from "@/server/tickets/commands/assign-agent";
import {
  decideReceiveMessage,
  receiveMessageInput,
} from "@/server/tickets/commands/receive-message";
import { decideSendReply, sendReplyInput } from "@/server/tickets/commands/send-reply";
import { changeStatusInput, decideChangeStatus } from "@/server/tickets/commands/change-status";
import { createdTicketDocument, createTicketInput } from "@/server/tickets/commands/create-ticket";
import { ticketWrite, type Decision } from "@/server/tickets/commands/run-ticket-command";
import { decideSetPriority, setPriorityInput } from "@/server/tickets/commands/set-priority";
import { DomainError } from "@/server/tickets/domain/errors";
import {
  entryOf,
  type Actor,
  type Assignable,
  type CommandContext,
  type TicketState,
} from "@/server/tickets/domain/types";
import {
  applyTicketUpdate,
  messageDocument,
  toState,
  type MessageDocument,
  type TicketDocument,
} from "@/server/tickets/write-model";
import type { SeedCommand, SeedTicket } from "@/server/seed/generate";

/** Who seeded tickets were written by, in their history. */
export const SEED_ACTOR: Actor = { id: "seed", name: "Seed data" };

/** Seeded assignees are names; the seeder links each to the person of that name. */
export type SeedPeople = ReadonlyMap<string, Assignable>;

function decide(
  state: TicketState,
  step: SeedCommand,
  ctx: CommandContext,
  people: SeedPeople,
): Decision {
  switch (step.command) {
    case "ChangeStatus":
      return decideChangeStatus(state, changeStatusInput.parse(step.input).status);
    case "SetPriority":
      return decideSetPriority(state, setPriorityInput.parse(step.input).priority);
    case "AssignAgent":
      return decideAssignAgent(state, seedPerson(people, step.input.assignee));
    case "AddNote":
      return decideAddNote(state, addNoteInput.parse(step.input).body, ctx);
    case "ReceiveMessage":
      return decideReceiveMessage(state, receiveMessageInput.parse(step.input), ctx);
    case "SendReply":
      return decideSendReply(state, sendReplyInput.parse(step.input).body, ctx);
    default: {
      const unreachable: never = step;
      throw new Error(`unknown seed command ${JSON.stringify(unreachable)}`);
    }
  }
}

function seedPerson(people: SeedPeople, name: string | null): Assignable | null {
  if (name === null) return null;
  const person = people.get(name);
  if (!person) throw new Error(`seed: no person called ${name}`);
  return person;
}

/**
 * The write document a generated ticket ends up as, built in memory by the same code the command
 * handlers run (schema → decide → evolve → the handler's update), with no keys, as if each
 * command had been sent once at its time by `actor`.
 */
export function seededTicketDocument(
  ticket: SeedTicket,
  ids: { _id: ObjectId; newId: () => string },
  people: SeedPeople,
  actor: Actor = SEED_ACTOR,
): { ticket: TicketDocument; messages: MessageDocument[] } {
  const at = (now: Date): CommandContext => ({ actor, now, newId: ids.newId });
  let doc = createdTicketDocument(createTicketInput.parse(ticket.create), at(ticket.createdAt), {
    _id: ids._id,
    createdWith: null,
  });
  const messages: MessageDocument[] = [];
  for (const step of ticket.commands) {
    // A reply is written by its agent; everything else by the seeding actor.
    const ctx =
      step.command === "SendReply"
        ? {
            ...at(step.at),
            actor: { id: `user:${seedPerson(people, step.by)!.id}`, name: step.by },
          }
        : at(step.at);
    const decision = decide(toState(doc), step, ctx, people);
    if (decision instanceof DomainError) {
      throw new Error(`seed: ${step.command} was refused: ${decision.message}`);
    }
    if (decision === null) continue;
    const entry = entryOf(decision);
    if (entry) messages.push(messageDocument(doc._id.toHexString(), entry));
    doc = applyTicketUpdate(doc, ticketWrite(doc, decision, ctx).update);
  }
  return { ticket: doc, messages };
}
