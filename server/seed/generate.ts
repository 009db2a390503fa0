// Realistic, reproducible tickets for `npm run seed`: what each ticket says and the commands it
// goes through, with their times. Pure: ticket `i` of seed `s` is the same on every machine,
// whatever the batch it is generated in; only its times move with `now`.
import type { Priority, Status } from "@/server/tickets/domain/types";
import {
  AGENTS,
  DETAILS,
  DOMAINS,
  FIRST_NAMES,
  GREETINGS,
  LANGUAGES,
  FOLLOW_UPS,
  LOG_LINES,
  NOTE_BODIES,
  REPLY_OPENERS,
  REPLY_SENTENCES,
  REPLY_SIGN_OFFS,
  SENTENCES,
  SIGN_OFFS,
  TERSE_SUBJECTS,
  TOPICS,
  type Language,
} from "@/server/seed/texts";

export type SeedCommand =
  | { at: Date; command: "ChangeStatus"; input: { status: Status } }
  | { at: Date; command: "SetPriority"; input: { priority: Priority } }
  | { at: Date; command: "AssignAgent"; input: { assignee: string | null } }
  | { at: Date; command: "AddNote"; input: { body: string } }
  | { at: Date; command: "ReceiveMessage"; input: { body: string } }
  /** A public reply, written by the agent `by`. */
  | { at: Date; command: "SendReply"; input: { body: string }; by: string };

type Step = SeedCommand extends infer C ? (C extends SeedCommand ? Omit<C, "at"> : never) : never;

export interface SeedTicket {
  createdAt: Date;
  create: { subject: string; message: string; customerEmail: string | null; priority: Priority };
  /** In the order they are applied; their times strictly increase and stay before `now`. */
  commands: SeedCommand[];
  /** The language of the customer's text ("English" for most). */
  language: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const SEED_SPAN_MS = 90 * DAY;
const MIN_AGE_MS = 10 * MINUTE;
/** The schemas' limits (messages 20,000, notes 5,000), kept clear of. */
const MESSAGE_MAX = 19_500;
const NOTE_MAX = 4_800;
const SUBJECT_MAX = 120;

/** mulberry32: a tiny, well-known 32-bit PRNG; plenty for test data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Mixes the run's seed and the ticket's index, so each ticket has a stream of its own. */
function ticketSeed(seed: number, index: number): number {
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;
const between = (random: Random, min: number, max: number) =>
  Math.floor(min + random() * (max - min + 1));
const exponential = (random: Random, mean: number) => -Math.log(1 - random()) * mean;

function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  let roll = random();
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

const PRIORITY_WEIGHTS = [
  ["low", 0.2],
  ["normal", 0.55],
  ["high", 0.18],
  ["urgent", 0.07],
] as const;

/**
 * Appends pieces until the next one would pass `max`; never cuts a character in two. Trimmed,
 * as the schemas would trim it.
 */
function fill(max: number, target: number, next: () => string, separator: string): string {
  let text = next();
  for (;;) {
    if (text.length >= target) return text.trim();
    const piece = next();
    if (text.length + separator.length + piece.length > max) return text.trim();
    text += separator + piece;
  }
}

function subject(random: Random, language: Language | null): string {
  if (language) return pick(random, language.subjects);
  const shape = random();
  if (shape < 0.05) return pick(random, TERSE_SUBJECTS);
  const topic = pick(random, TOPICS);
  if (shape < 0.45) return topic;
  const withDetail = `${topic} ${pick(random, DETAILS)}`;
  if (shape < 0.9) return withDetail;
  // A few customers paste half their message into the subject.
  return fill(SUBJECT_MAX, SUBJECT_MAX, () => pick(random, [withDetail, ...DETAILS]), " — ");
}

function message(random: Random, language: Language | null): string {
  const sentences = language?.sentences ?? SENTENCES;
  const sentence = () => pick(random, sentences);
  const paragraph = () => fill(600, between(random, 80, 500), sentence, " ");
  const size = random();
  if (size < 0.35) return sentence();
  if (size < 0.8) {
    const body = fill(MESSAGE_MAX, between(random, 200, 1_500), paragraph, "\n\n");
    return language ? body : `${pick(random, GREETINGS)}\n\n${body}\n\n${pick(random, SIGN_OFFS)}`;
  }
  if (size < 0.95) return fill(MESSAGE_MAX, between(random, 1_500, 6_000), paragraph, "\n\n");
  // Pasted logs: the long tail, up to the schema's limit.
  const log = () => fill(3_000, between(random, 500, 2_500), () => pick(random, LOG_LINES), "\n");
  return fill(
    MESSAGE_MAX,
    between(random, 6_000, MESSAGE_MAX),
    () => `${paragraph()}\n\n${log()}`,
    "\n\n",
  );
}

function noteBody(random: Random): string {
  if (random() < 0.05) {
    return fill(NOTE_MAX, between(random, 1_000, NOTE_MAX), () => pick(random, LOG_LINES), "\n");
  }
  return fill(NOTE_MAX, between(random, 20, 300), () => pick(random, NOTE_BODIES), " ");
}

/** An agent's public reply: a greeting, a few sentences, a sign-off with the agent's name. */
function replyBody(random: Random, agent: string): string {
  const body = fill(2_000, between(random, 80, 700), () => pick(random, REPLY_SENTENCES), " ");
  return `${pick(random, REPLY_OPENERS)}\n\n${body}\n\n${pick(random, REPLY_SIGN_OFFS)}\n${agent}`;
}

/** Ticket `index` of the run seeded `seed`, its times placed before `now`. */
export function generateTicket(seed: number, index: number, now: Date): SeedTicket {
  const random = mulberry32(ticketSeed(seed, index));
  // More recent tickets are more common: ages lean towards zero.
  const age = MIN_AGE_MS + (SEED_SPAN_MS - MIN_AGE_MS) * random() ** 1.3;
  const old = age / SEED_SPAN_MS;
  const createdAt = new Date(now.getTime() - age);

  // Older tickets are more likely closed; what is left of the recent ones is mostly open.
  const status: Status =
    random() < 0.12 + 0.65 * old ? "closed" : random() < 0.515 - 0.3 * old ? "open" : "triaged";
  const priority = weighted(random, PRIORITY_WEIGHTS);
  // A quarter of tickets are filed at "normal" and re-prioritised at triage.
  const filedAs: Priority = priority !== "normal" && random() < 0.35 ? "normal" : priority;
  const assignedShare = status === "open" ? 0.3 : status === "triaged" ? 0.92 : 0.96;
  const assignee = random() < assignedShare ? pick(random, AGENTS) : null;
  const noteCount =
    random() < 0.4
      ? weighted(random, [
          [1, 0.5],
          [2, 0.3],
          [3, 0.2],
        ] as const)
      : 0;

  const language = random() < 0.1 ? pick(random, LANGUAGES) : null;
  const create = {
    subject: subject(random, language),
    message: message(random, language),
    customerEmail:
      random() < 0.9
        ? `${pick(random, FIRST_NAMES)}${between(random, 1, 99)}@${pick(random, DOMAINS)}`
        : null,
    priority: filedAs,
  };

  // The plan as [typical delay before it, command]; times are fitted into the ticket's age below.
  const plan: [number, Step][] = [];
  if (status !== "open") {
    plan.push([
      exponential(random, 3 * HOUR),
      { command: "ChangeStatus", input: { status: "triaged" } },
    ]);
  }
  if (filedAs !== priority) {
    plan.push([exponential(random, 30 * MINUTE), { command: "SetPriority", input: { priority } }]);
  }
  if (assignee) {
    // Some tickets go to the wrong person first.
    if (random() < 0.1) {
      const first = pick(
        random,
        AGENTS.filter((a) => a !== assignee),
      );
      plan.push([
        exponential(random, HOUR),
        { command: "AssignAgent", input: { assignee: first } },
      ]);
    }
    plan.push([exponential(random, HOUR), { command: "AssignAgent", input: { assignee } }]);
  }
  // The conversation: most tickets someone looked at were answered, some went back and forth,
  // and the customer's last message on a ticket still in work may wait for an answer.
  const replier = assignee ?? pick(random, AGENTS);
  const reply = (): Step => ({
    command: "SendReply",
    input: { body: replyBody(random, replier) },
    by: replier,
  });
  const customerWrites = (): Step => ({
    command: "ReceiveMessage",
    input: { body: pick(random, FOLLOW_UPS) },
  });
  if (random() < (status === "open" ? 0.25 : status === "triaged" ? 0.85 : 0.95)) {
    plan.push([exponential(random, 2 * HOUR), reply()]);
    const rounds = weighted(random, [
      [0, 0.5],
      [1, 0.3],
      [2, 0.15],
      [3, 0.05],
    ] as const);
    for (let round = 1; round <= rounds; round++) {
      plan.push([exponential(random, 6 * HOUR), customerWrites()]);
      if (status === "closed" || round < rounds || random() < 0.7) {
        plan.push([exponential(random, 3 * HOUR), reply()]);
      }
    }
  } else if (status === "open" && random() < 0.2) {
    plan.push([exponential(random, 12 * HOUR), customerWrites()]);
  }
  const lateNote = status === "closed" && noteCount > 0 && random() < 0.2;
  for (let n = 0; n < noteCount - (lateNote ? 1 : 0); n++) {
    plan.push([
      exponential(random, 8 * HOUR),
      { command: "AddNote", input: { body: noteBody(random) } },
    ]);
  }
  if (status === "closed") {
    plan.push([
      exponential(random, 36 * HOUR),
      { command: "ChangeStatus", input: { status: "closed" } },
    ]);
  }
  if (lateNote) {
    plan.push([
      exponential(random, 12 * HOUR),
      { command: "AddNote", input: { body: noteBody(random) } },
    ]);
  }

  // Squeeze the delays into the time the ticket has existed, one millisecond apart at least.
  const total = plan.reduce((sum, [delay]) => sum + delay, 0);
  const room = age - MINUTE;
  const scale = total > room * 0.9 ? (room * 0.9) / total : 1;
  let at = createdAt.getTime();
  const commands = plan.map(([delay, step]) => {
    at += Math.max(1, Math.round(delay * scale));
    return { ...step, at: new Date(at) };
  });
  return { createdAt, create, commands, language: language?.name ?? "English" };
}

/** Tickets `start` … `start + count - 1` of a run, one at a time. */
export function* generateTickets(
  seed: number,
  options: { count: number; now: Date; start?: number },
): Generator<SeedTicket> {
  const start = options.start ?? 0;
  for (let i = start; i < start + options.count; i++) yield generateTicket(seed, i, options.now);
}
