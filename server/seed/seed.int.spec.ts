import { ObjectId } from "mongodb";
import { beforeAll, describe, expect, it } from "vitest";
import { getCollections } from "@/server/db/client";
import type { Collections } from "@/server/db/collections";
import { projectBacklog } from "@/server/projections/project-backlog";
import { verifyProjections } from "@/server/projections/verify";
import { generateTickets, type SeedTicket } from "@/server/seed/generate";
import { seedTickets } from "@/server/seed/seed";
import { SEED_ACTOR } from "@/server/seed/ticket-document";
import { addNote } from "@/server/tickets/commands/add-note";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatus } from "@/server/tickets/commands/change-status";
import type { CommandOptions } from "@/server/tickets/commands/command-options";
import { createTicket, createTicketInput } from "@/server/tickets/commands/create-ticket";
import { receiveMessage } from "@/server/tickets/commands/receive-message";
import { sendReply } from "@/server/tickets/commands/send-reply";
import { setPriority } from "@/server/tickets/commands/set-priority";
import { ensureSeedPeople } from "@/server/seed/seed-people";
import type { TicketDocument } from "@/server/tickets/write-model";

const SEED = 2026;
const COUNT = 60;
const now = new Date(Date.now() - 60_000);

const at = (time: Date): CommandOptions => ({
  ctx: { actor: SEED_ACTOR, now: time, newId: () => new ObjectId().toHexString() },
});

/** Sends a generated ticket's commands one by one through the real handlers. */
async function throughHandlers(ticket: SeedTicket, cols: Collections): Promise<ObjectId> {
  const { ticketId } = await createTicket(
    createTicketInput.parse(ticket.create),
    at(ticket.createdAt),
  );
  for (const step of ticket.commands) {
    const options = at(step.at);
    switch (step.command) {
      case "ChangeStatus":
        await changeStatus(ticketId, step.input, options);
        break;
      case "SetPriority":
        await setPriority(ticketId, step.input, options);
        break;
      case "AssignAgent":
        await assignAgent(ticketId, step.input, options);
        break;
      case "AddNote":
        await addNote(ticketId, step.input, options);
        break;
      case "ReceiveMessage":
        await receiveMessage(ticketId, { ...step.input, customer: null }, options);
        break;
      case "SendReply": {
        const person = (await ensureSeedPeople(cols)).get(step.by)!;
        const actor = { id: `user:${person.id}`, name: person.name };
        await sendReply(ticketId, step.input, { ctx: { ...options.ctx, actor } });
        break;
      }
    }
  }
  return new ObjectId(ticketId);
}

/** The ids no one controls (the ticket's, its messages') replaced by their position. */
function withoutIds({ _id, ...doc }: TicketDocument) {
  const messageIds = new Map(doc.messageIds.map((id, i) => [id, `message-${i}`]));
  return {
    ...doc,
    messageIds: doc.messageIds.map((id) => messageIds.get(id)),
    history: doc.history.map((entry) =>
      entry.changes.messageId
        ? { ...entry, changes: { messageId: messageIds.get(entry.changes.messageId) ?? null } }
        : entry,
    ),
  };
}

const key = (doc: { createdAt: Date; subject: string }) =>
  `${doc.createdAt.toISOString()} ${doc.subject}`;

describe("npm run seed", () => {
  let cols: Collections;
  const tickets = [...generateTickets(SEED, { count: COUNT, now })];
  beforeAll(async () => {
    cols = await getCollections();
  });

  it("writes each ticket exactly as its commands sent through the handlers would", async () => {
    // Given tickets seeded in small batches …
    const progress: number[] = [];
    const inserted = await seedTickets(cols, {
      count: COUNT,
      seed: SEED,
      now,
      batchSize: 7,
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(inserted).toBe(COUNT);
    expect(progress.at(-1)).toBe(1);
    const seeded = new Map(
      (await cols.tickets.find({}).toArray()).map((doc) => [key(doc), doc] as const),
    );
    expect(seeded.size).toBe(COUNT);

    // … when the same commands, at the same times, go through the real handlers …
    const viaHandlers: TicketDocument[] = [];
    for (const ticket of tickets) {
      const id = await throughHandlers(ticket, cols);
      viaHandlers.push((await cols.tickets.findOne({ _id: id }))!);
    }

    // … then the documents are the same, field for field (history, notes, version, markers).
    for (const handled of viaHandlers) {
      const doc = seeded.get(key(handled));
      expect(doc, key(handled)).toBeDefined();
      expect(withoutIds(doc!)).toEqual(withoutIds(handled));
    }

    // The sample covers every command and every kind of text the generator makes.
    const commands = new Set(tickets.flatMap((t) => t.commands.map((c) => c.command)));
    expect(commands).toEqual(
      new Set([
        "ChangeStatus",
        "SetPriority",
        "AssignAgent",
        "AddNote",
        "ReceiveMessage",
        "SendReply",
      ]),
    );
    expect(new Set(viaHandlers.map((d) => d.status))).toEqual(
      new Set(["open", "triaged", "closed"]),
    );
    expect(tickets.some((t) => t.language !== "English")).toBe(true);
    expect(tickets.some((t) => t.create.message.length > 4_000)).toBe(true);
    expect(viaHandlers.some((d) => d.noteCount >= 2)).toBe(true);
    expect(
      viaHandlers.some((d) => d.history.filter((h) => h.type === "AgentAssigned").length > 1),
    ).toBe(true);
  });

  it("adds to a desk that has tickets, and the catch-up projects them all without drift", async () => {
    const before = await cols.tickets.countDocuments({});
    expect(before).toBeGreaterThan(0);
    await seedTickets(cols, { count: 15, seed: SEED + 1, now });
    expect(await cols.tickets.countDocuments({})).toBe(before + 15);

    await projectBacklog(cols);
    expect(await cols.tickets.countDocuments({ dirtySince: { $ne: null } })).toBe(0);
    expect((await verifyProjections(cols, { waitForQueueMs: 0 })).drift).toEqual([]);
  });
});
