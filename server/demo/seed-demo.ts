import { ObjectId } from "mongodb";
import { getCollections } from "@/server/db/client";
import { addNote } from "@/server/tickets/commands/add-note";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { createTicket } from "@/server/tickets/commands/create-ticket";
import type { CommandContext } from "@/server/tickets/domain/types";
import { DEMO_SAVED_REPLIES, demoTickets } from "@/server/demo/demo-tickets";
import { saveSlaPolicy } from "@/server/sla/policy";
import { slaPolicyInput } from "@/server/sla/policy-schema";
import { createSavedReply } from "@/server/saved-replies/create-saved-reply";
import { receiveMessage } from "@/server/tickets/commands/receive-message";
import { sendReply } from "@/server/tickets/commands/send-reply";
import { ensureSeedPeople } from "@/server/seed/seed-people";

const HOUR = 3_600_000;

/** A team in Lisbon: weekdays 09:00–18:00, Saturday mornings, Portugal's December holidays. */
const DEMO_SLA_POLICY = slaPolicyInput.parse({
  calendar: {
    timeZone: "Europe/Lisbon",
    hours: {
      mon: [["09:00", "18:00"]],
      tue: [["09:00", "18:00"]],
      wed: [["09:00", "18:00"]],
      thu: [["09:00", "18:00"]],
      fri: [["09:00", "18:00"]],
      sat: [["10:00", "14:00"]],
    },
    holidays: ["2026-12-01", "2026-12-08", "2026-12-25", "2027-01-01"],
  },
  targets: {
    urgent: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 480 },
    high: { firstResponseMinutes: 120, nextResponseMinutes: 240, resolutionMinutes: 1440 },
    normal: { firstResponseMinutes: 480, nextResponseMinutes: 720, resolutionMinutes: 2880 },
    low: { firstResponseMinutes: 1440 },
  },
});

/**
 * Fills an empty desk with demo tickets through the real command handlers, with the clock set
 * in the past so ages and timelines look lived-in. Does nothing when there are tickets already.
 */
export async function seedDemo(): Promise<number> {
  const cols = await getCollections();
  if ((await cols.tickets.findOne({}, { projection: { _id: 1 } })) !== null) return 0;
  const people = await ensureSeedPeople(cols);

  const actor = { id: "demo", name: "Demo data" };
  const at = (time: number): CommandContext => ({
    actor,
    now: new Date(time),
    newId: () => new ObjectId().toHexString(),
  });
  await saveSlaPolicy(cols.db, DEMO_SLA_POLICY, actor, new Date(Date.now() - 90 * 24 * HOUR));
  for (const reply of DEMO_SAVED_REPLIES) {
    await createSavedReply(
      reply,
      { id: "demo", name: "Demo data" },
      new Date(Date.now() - 90 * 24 * HOUR),
    );
  }
  const all = demoTickets();
  let followUps = 0;
  for (const t of all) {
    let time = Date.now() - t.ageHours * HOUR;
    const step = () => at((time += 20 * 60_000 + Math.round(t.ageHours * 1_000)));
    const { ticketId } = await createTicket(
      {
        subject: t.subject,
        message: t.message,
        customer: { email: t.customerEmail, name: t.customerName },
        priority: t.priority,
        tags: t.tags,
      },
      { ctx: at(time) },
    );
    if (t.status !== "open") await changeStatus(ticketId, { status: "triaged" }, { ctx: step() });
    const person = t.assignee ? people.get(t.assignee) : undefined;
    if (person) await assignAgent(ticketId, { assigneeId: person.id }, { ctx: step() });
    // Replies come from the assignee (or the first agent), as that person.
    const agent = person ?? [...people.values()][0];
    const asAgent = () => ({
      ...step(),
      actor: agent ? { id: `user:${agent.id}`, name: agent.name } : actor,
    });
    for (const [i, body] of t.exchange.entries()) {
      if (i % 2 === 0) await sendReply(ticketId, { body }, { ctx: asAgent() });
      else await receiveMessage(ticketId, { body, customer: null }, { ctx: step() });
    }
    for (const body of t.notes) await addNote(ticketId, { body }, { ctx: step() });
    if (t.status === "closed") {
      await changeStatus(ticketId, { status: "closed" }, { ctx: step() });
      // The customer of the first two closed tickets writes again: a follow-up opens.
      if (followUps++ < 2) {
        const body =
          "Sorry to bother you again: it has started happening once more since this morning.";
        await receiveMessage(ticketId, { body, customer: null }, { ctx: step() });
      }
    }
  }
  return all.length;
}
