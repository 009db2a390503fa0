import { ObjectId } from "mongodb";
import { getCollections } from "@/server/db/client";
import { addNote } from "@/server/tickets/commands/add-note";
import { assignAgent } from "@/server/tickets/commands/assign-agent";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { createTicket } from "@/server/tickets/commands/create-ticket";
import type { CommandContext } from "@/server/tickets/domain/types";
import { demoTickets } from "@/server/demo/demo-tickets";
import { ensureSeedPeople } from "@/server/seed/seed-people";

const HOUR = 3_600_000;

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
  const all = demoTickets();
  for (const t of all) {
    let time = Date.now() - t.ageHours * HOUR;
    const step = () => at((time += 20 * 60_000 + Math.round(t.ageHours * 1_000)));
    const { ticketId } = await createTicket(
      {
        subject: t.subject,
        message: t.message,
        customer: t.customerEmail ? { email: t.customerEmail, name: null } : null,
        priority: t.priority,
        tags: [],
      },
      { ctx: at(time) },
    );
    if (t.status !== "open") await changeStatus(ticketId, { status: "triaged" }, { ctx: step() });
    const person = t.assignee ? people.get(t.assignee) : undefined;
    if (person) await assignAgent(ticketId, { assigneeId: person.id }, { ctx: step() });
    for (const body of t.notes) await addNote(ticketId, { body }, { ctx: step() });
    if (t.status === "closed") await changeStatus(ticketId, { status: "closed" }, { ctx: step() });
  }
  return all.length;
}
