import { describe, expect, it } from "vitest";
import {
  generateTicket,
  generateTickets,
  SEED_SPAN_MS,
  type SeedTicket,
} from "@/server/seed/generate";
import { AGENTS } from "@/server/seed/texts";
import { addNoteInput } from "@/server/tickets/commands/add-note";
import { createTicketInput } from "@/server/tickets/commands/create-ticket";

// Half of a character the database would store as U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const now = new Date("2026-06-01T12:00:00Z");
const N = 20_000;
const tickets = [...generateTickets(7, { count: N, now })];

const last = <C extends SeedTicket["commands"][number]["command"]>(t: SeedTicket, command: C) =>
  t.commands.filter((c) => c.command === command).at(-1) as
    Extract<SeedTicket["commands"][number], { command: C }> | undefined;
const statusOf = (t: SeedTicket) => last(t, "ChangeStatus")?.input.status ?? "open";
const priorityOf = (t: SeedTicket) => last(t, "SetPriority")?.input.priority ?? t.create.priority;
const assigneeOf = (t: SeedTicket) => last(t, "AssignAgent")?.input.assignee ?? null;
const notesOf = (t: SeedTicket) => t.commands.filter((c) => c.command === "AddNote").length;
const share = (predicate: (t: SeedTicket) => boolean, of = tickets) =>
  of.filter(predicate).length / of.length;

describe("the seed generator", () => {
  it("given a seed, generates the same tickets every time, whatever the batch they are in", () => {
    expect([...generateTickets(7, { count: 50, now })]).toEqual(tickets.slice(0, 50));
    expect([...generateTickets(7, { count: 10, now, start: 1_000 })]).toEqual(
      tickets.slice(1_000, 1_010),
    );
    expect(generateTicket(7, 123, now)).toEqual(tickets[123]);
    expect(generateTicket(8, 123, now)).not.toEqual(tickets[123]);
  });

  it("gives statuses about 25% open, 35% triaged, 40% closed, older tickets more often closed", () => {
    expect(share((t) => statusOf(t) === "open")).toBeCloseTo(0.25, 1);
    expect(share((t) => statusOf(t) === "triaged")).toBeCloseTo(0.35, 1);
    expect(share((t) => statusOf(t) === "closed")).toBeCloseTo(0.4, 1);
    const age = (t: SeedTicket) => now.getTime() - t.createdAt.getTime();
    const recent = tickets.filter((t) => age(t) < SEED_SPAN_MS / 3);
    const old = tickets.filter((t) => age(t) >= (2 * SEED_SPAN_MS) / 3);
    expect(share((t) => statusOf(t) === "closed", old)).toBeGreaterThan(
      share((t) => statusOf(t) === "closed", recent) + 0.2,
    );
    // More recent tickets are more common.
    expect(recent.length).toBeGreaterThan(old.length * 1.3);
  });

  it("gives priorities about 20% low, 55% normal, 18% high, 7% urgent", () => {
    const expected = { low: 0.2, normal: 0.55, high: 0.18, urgent: 0.07 };
    for (const [priority, p] of Object.entries(expected)) {
      expect(Math.abs(share((t) => priorityOf(t) === priority) - p)).toBeLessThan(0.015);
    }
    expect(share((t) => last(t, "SetPriority") !== undefined)).toBeGreaterThan(0.05);
  });

  it("assigns the twelve agents, leaving unassigned mostly open tickets", () => {
    const assignees = new Set(tickets.map(assigneeOf));
    expect(assignees).toEqual(new Set([...AGENTS, null]));
    const unassigned = tickets.filter((t) => assigneeOf(t) === null);
    expect(share((t) => statusOf(t) === "open", unassigned)).toBeGreaterThan(0.7);
    expect(
      share((t) => t.commands.filter((c) => c.command === "AssignAgent").length > 1),
    ).toBeGreaterThan(0.03);
  });

  it("adds 0 to 3 notes, to about 40% of tickets", () => {
    expect(share((t) => notesOf(t) > 0)).toBeCloseTo(0.4, 1);
    expect(new Set(tickets.map(notesOf))).toEqual(new Set([0, 1, 2, 3]));
  });

  it("gives most tickets in work a reply by their agent, some a back-and-forth, and leaves some customers awaiting an answer", () => {
    const replies = (t: SeedTicket) => t.commands.filter((c) => c.command === "SendReply");
    const messages = (t: SeedTicket) => t.commands.filter((c) => c.command === "ReceiveMessage");
    const worked = tickets.filter((t) => statusOf(t) !== "open");
    expect(share((t) => replies(t).length > 0, worked)).toBeGreaterThan(0.85);
    expect(share((t) => messages(t).length > 0)).toBeGreaterThan(0.3);
    expect(share((t) => replies(t).length >= 3)).toBeGreaterThan(0.05);
    // Replies are by the ticket's agent when it has one.
    for (const t of tickets.filter((x) => assigneeOf(x) !== null).slice(0, 2_000))
      for (const r of replies(t)) expect(r).toMatchObject({ by: assigneeOf(t) });
    const awaiting = (t: SeedTicket) =>
      t.commands.filter((c) => c.command === "ReceiveMessage" || c.command === "SendReply").at(-1)
        ?.command === "ReceiveMessage";
    expect(
      share(
        awaiting,
        tickets.filter((t) => statusOf(t) !== "closed"),
      ),
    ).toBeGreaterThan(0.05);
    // A closed ticket takes no more messages: its conversation ends before it closes.
    for (const t of tickets.filter((x) => statusOf(x) === "closed")) {
      const closedAt = last(t, "ChangeStatus")!.at.getTime();
      for (const c of [...replies(t), ...messages(t)])
        expect(c.at.getTime()).toBeLessThan(closedAt);
    }
  });

  it("writes subjects of 3–120 characters and messages from one line to many KB, within the schemas", () => {
    const subjects = tickets.map((t) => t.create.subject.length);
    expect(Math.min(...subjects)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...subjects)).toBeLessThanOrEqual(120);
    expect(share((t) => t.create.subject.length > 80)).toBeGreaterThan(0.01);
    expect(share((t) => !t.create.message.includes("\n"))).toBeGreaterThan(0.2);
    expect(share((t) => t.create.message.length > 4_000)).toBeGreaterThan(0.05);
    expect(share((t) => t.create.message.length > 10_000)).toBeGreaterThan(0.01);
    for (const t of tickets.slice(0, 2_000)) {
      const { customerEmail, ...rest } = t.create;
      expect(createTicketInput.parse(t.create)).toEqual({
        ...rest,
        customer: customerEmail ? { email: customerEmail, name: null } : null,
        tags: [],
      });
      for (const c of t.commands) {
        if (c.command === "AddNote") expect(addNoteInput.parse(c.input)).toEqual(c.input);
      }
    }
    for (const t of tickets) {
      expect(t.create.message.length).toBeLessThanOrEqual(20_000);
      expect(t.create.message).not.toMatch(LONE_SURROGATE);
    }
  });

  it("writes about 10% of tickets in Japanese, Cyrillic, Arabic, Greek or with emoji", () => {
    expect(share((t) => t.language !== "English")).toBeCloseTo(0.1, 1);
    expect(new Set(tickets.map((t) => t.language))).toEqual(
      new Set(["English", "Japanese", "Russian", "Arabic", "Greek", "Emoji"]),
    );
    const scripts = [
      /\p{Script=Hiragana}|\p{Script=Han}/u,
      /\p{Script=Cyrillic}/u,
      /\p{Script=Arabic}/u,
      /\p{Script=Greek}/u,
      /\p{Extended_Pictographic}/u,
    ];
    for (const script of scripts)
      expect(tickets.some((t) => script.test(t.create.message))).toBe(true);
  });

  it("creates tickets over the last 90 days, each command later than the one before and before now", () => {
    for (const t of tickets) {
      expect(now.getTime() - t.createdAt.getTime()).toBeLessThanOrEqual(SEED_SPAN_MS);
      let previous = t.createdAt.getTime();
      for (const c of t.commands) {
        expect(c.at.getTime()).toBeGreaterThan(previous);
        previous = c.at.getTime();
      }
      expect(previous).toBeLessThan(now.getTime());
    }
  });
});
