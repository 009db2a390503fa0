// A command load over the public API for the fault tests: every kind of command from several
// concurrent clients, each response recorded. It remembers which tickets it saw closed, so that
// a later attempt to reopen one (or to reassign or reprioritise it) has a certain answer: 409.
import { randomInt } from "node:crypto";
import { ObjectId } from "mongodb";
import type { Collections } from "@/server/db/collections";

export type CommandKind =
  | "create"
  | "status"
  | "reopen"
  | "assign"
  | "unassign"
  | "note"
  | "priority"
  | "versioned"
  | "message"
  | "reply"
  | "tags"
  /** A new SLA policy (PUT /api/sla): clocks are recomputed while the others go on. */
  | "sla";

export interface Sent {
  kind: CommandKind;
  /** The ticket commanded; for a create, the one acknowledged (null if none). */
  ticketId: string | null;
  /** 0 when no HTTP response came at all (connection refused, reset, or the 30 s cap). */
  status: number;
  contentType: string;
  /** The problem type for an error response. */
  problemType: string | null;
  /** The acknowledged consistency token for a 2xx. */
  version: number | null;
  /** Was this ticket known to be closed (its close acknowledged) before this was sent? */
  knownClosed: boolean;
  /** When it was sent (epoch ms) and how long the answer took. */
  at: number;
  ms: number;
  error?: string;
}

const WEIGHTS: [CommandKind, number][] = [
  ["create", 8],
  ["status", 20],
  ["reopen", 8],
  ["assign", 16],
  ["unassign", 6],
  ["note", 22],
  ["priority", 14],
  ["versioned", 6],
  ["message", 10],
  ["reply", 10],
  ["tags", 6],
  ["sla", 2],
];
const TAGS = ["billing", "bug", "vip", "refund-2026"] as const;
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
/** The people the loads assign tickets to: `givenLoadAgents` makes them people of the desk. */
export const LOAD_AGENTS = [
  "Ada Lovelace",
  "Grace Hopper",
  "Lena Vogel",
  "Aisha Khan",
  "Zoë.Ünïcode 🚀",
] as const;
const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const STATUSES = ["open", "triaged", "closed"] as const;

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;

/**
 * A policy with short targets (the fault tests run with SLA_MINUTE_MS=1000, so a "minute" is a
 * second): warnings and breaches fall due while projectors are being killed.
 */
function randomPolicy() {
  const minutes = () => pick([null, 2, 5, 10, 30, 90]);
  const targets = () => ({
    firstResponseMinutes: minutes(),
    nextResponseMinutes: minutes(),
    resolutionMinutes: minutes(),
  });
  return {
    calendar: pick([
      { alwaysOpen: true },
      {
        timeZone: "Europe/Lisbon",
        hours: {
          mon: [["00:00", "24:00"]],
          tue: [["00:00", "24:00"]],
          wed: [["00:00", "24:00"]],
          thu: [["00:00", "24:00"]],
          fri: [["00:00", "24:00"]],
          sat: [["08:00", "20:00"]],
          sun: [["08:00", "20:00"]],
        },
        holidays: [],
      },
    ]),
    targets: { low: targets(), normal: targets(), high: targets(), urgent: targets() },
  };
}

function pickKind(): CommandKind {
  let roll = randomInt(TOTAL_WEIGHT);
  for (const [kind, weight] of WEIGHTS) {
    if (roll < weight) return kind;
    roll -= weight;
  }
  return "note";
}

/** The error and its causes (fetch hides the socket error in `cause`). */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 4;) {
    if (!(e instanceof Error)) {
      parts.push(typeof e === "string" ? e : JSON.stringify(e));
      break;
    }
    const code = (e as { code?: unknown }).code;
    parts.push(`${e.name}: ${e.message}${typeof code === "string" ? ` (${code})` : ""}`);
    e = e.cause;
  }
  return parts.join(" ← ");
}

/**
 * Makes the load's agents people of the desk whose collections these are (inserted directly, as
 * `givenPeople` does: an argon2 hash each would only slow the set-up), unless they already are.
 * Assignment is to people of the directory, so without them every assign would be refused.
 */
export async function givenLoadAgents(cols: Collections): Promise<void> {
  const now = new Date();
  for (const name of LOAD_AGENTS) {
    if (await cols.users.findOne({ name }, { projection: { _id: 1 } })) continue;
    const _id = new ObjectId();
    await cols.users.insertOne({
      _id,
      email: `load-${_id.toHexString()}@desk.test`,
      name,
      role: "agent",
      passwordHash: "not-a-hash",
      active: true,
      createdAt: now,
      updatedAt: now,
    });
  }
}

export class DeskLoad {
  /** Every acknowledged ticket id. */
  readonly tickets: string[] = [];
  readonly closed = new Set<string>();
  readonly lastVersion = new Map<string, number>();
  readonly sent: Sent[] = [];
  /** Every SLA policy version an answer acknowledged. */
  readonly policyVersions: number[] = [];
  private seq = 0;

  constructor(
    private readonly baseURL: string,
    private readonly token: string,
  ) {}

  async post(
    kind: CommandKind,
    path: string,
    body: unknown,
    ticketId: string | null,
    method: "POST" | "PUT" = "POST",
  ) {
    const knownClosed = ticketId !== null && this.closed.has(ticketId);
    const started = performance.now();
    const record: Sent = {
      kind,
      ticketId,
      status: 0,
      contentType: "",
      problemType: null,
      version: null,
      knownClosed,
      at: Date.now(),
      ms: 0,
    };
    try {
      const res = await fetch(`${this.baseURL}${path}`, {
        method,
        headers: { "content-type": "application/json", authorization: `Bearer ${this.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      record.status = res.status;
      record.contentType = res.headers.get("content-type") ?? "";
      const text = await res.text();
      const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      if (res.ok && kind === "sla") {
        // The policy's version, not a ticket's: checked against sla_policies.
        this.policyVersions.push(Number(json.version));
      } else if (res.ok) {
        record.ticketId = String(json.ticketId);
        record.version = Number(json.version);
      } else {
        record.problemType = typeof json.type === "string" ? json.type : null;
      }
    } catch (error) {
      record.error = describeError(error);
    }
    record.ms = Math.round(performance.now() - started);
    this.sent.push(record);
    if (record.version !== null && record.ticketId) {
      // A create, or a message to a closed ticket that opened a follow-up (201).
      if (kind === "create" || record.status === 201) this.tickets.push(record.ticketId);
      const known = this.lastVersion.get(record.ticketId) ?? 0;
      this.lastVersion.set(record.ticketId, Math.max(known, record.version));
      if (kind === "status" && (body as { status: string }).status === "closed") {
        this.closed.add(record.ticketId);
      }
    }
    return record;
  }

  create() {
    const n = ++this.seq;
    return this.post(
      "create",
      "/api/tickets",
      {
        subject: `Fault ticket ${n}`,
        message: `Created under fault injection, number ${n}. Ça marche? 🧪`,
        priority: pick(PRIORITIES),
        ...(n % 3 === 0 ? { customerEmail: `customer${n}@example.test` } : {}),
      },
      null,
    );
  }

  /** One random command of any kind, on a random acknowledged ticket. */
  one() {
    const kind = pickKind();
    if (kind === "create" || this.tickets.length === 0) return this.create();
    let id = pick(this.tickets);
    const on = (command: string) => `/api/tickets/${id}/${command}`;
    switch (kind) {
      case "status":
        return this.post(kind, on("status"), { status: pick(STATUSES) }, id);
      case "reopen":
        // A ticket seen closed: asking it to move must be refused, however the races went.
        if (this.closed.size > 0) id = pick([...this.closed]);
        return this.post(kind, on("status"), { status: pick(["open", "triaged"]) }, id);
      case "assign":
        return this.post(kind, on("assignee"), { assignee: pick(LOAD_AGENTS) }, id);
      case "unassign":
        return this.post(kind, on("assignee"), { assignee: null }, id);
      case "note":
        return this.post(kind, on("notes"), { body: `Note ${++this.seq}: called back.` }, id);
      case "priority":
        return this.post(kind, on("priority"), { priority: pick(PRIORITIES) }, id);
      case "versioned": {
        // With the last version this client saw: a conflict when someone wrote since.
        const expectedVersion = this.lastVersion.get(id) ?? 1;
        return this.post(kind, on("notes"), { body: "Pinned to a version.", expectedVersion }, id);
      }
      case "message":
        // Never refused: on a closed ticket it opens a follow-up (201).
        return this.post(
          kind,
          on("messages"),
          { body: `Customer again, ${++this.seq}: any news? Ça va 🙂`, customer: null },
          id,
        );
      case "reply":
        return this.post(kind, on("replies"), { body: `Reply ${++this.seq}: on it.` }, id);
      case "tags":
        return this.post(kind, on("tags"), { add: [pick(TAGS)], remove: [pick(TAGS)] }, id);
      case "sla":
        return this.post(kind, "/api/sla", randomPolicy(), null, "PUT");
      default: {
        const unreachable: never = kind;
        throw new Error(`unknown command kind ${String(unreachable)}`);
      }
    }
  }

  /**
   * Runs `clients` concurrent loops of random commands until `count` have been sent or the
   * time is up (whichever comes first), or until `stop()` says so.
   */
  async run(options: { clients: number; count: number; forMs: number; stop?: () => boolean }) {
    const until = Date.now() + options.forMs;
    let started = 0;
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        while (started < options.count && Date.now() < until && !options.stop?.()) {
          started++;
          await this.one();
        }
      }),
    );
  }

  /** Counts of responses by command kind and status code, for the log. */
  summary() {
    const byStatus: Record<string, number> = {};
    const byKind: Record<string, Record<string, number>> = {};
    for (const s of this.sent) {
      const code = s.status === 0 ? "no-response" : String(s.status);
      byStatus[code] = (byStatus[code] ?? 0) + 1;
      const forKind = (byKind[s.kind] ??= {});
      forKind[code] = (forKind[code] ?? 0) + 1;
    }
    const ms = this.sent.map((s) => s.ms).sort((a, b) => a - b);
    const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
    return {
      sent: this.sent.length,
      byStatus,
      byKind,
      latencyMs: { p50: at(0.5), p99: at(0.99), max: ms.at(-1) ?? 0 },
    };
  }
}

/** What is wrong with one response, if anything, given which answers are acceptable. */
export function responseProblem(s: Sent, options: { allowUnavailable?: boolean } = {}) {
  const describe = () =>
    `${s.kind} on ${s.ticketId ?? "(new)"} → ${s.status || s.error} ${s.problemType ?? ""} (${s.ms} ms)`;
  const isProblem = s.contentType.includes("application/problem+json");
  if (s.status >= 200 && s.status < 300) {
    // Assigning or prioritising a closed ticket to what it already has is a no-op (200); a
    // change is refused. Only a reopen is always a change, so it alone must be a 409 here.
    // (The write model's history is checked separately for changes after a close.)
    return s.knownClosed && s.kind === "reopen" ? `a closed ticket reopened: ${describe()}` : null;
  }
  if (s.status === 409 && isProblem) {
    if (s.problemType?.endsWith("/version-conflict")) {
      return s.kind === "versioned" ? null : `a conflict without expectedVersion: ${describe()}`;
    }
    if (s.problemType?.endsWith("/invalid-transition")) {
      // Notes, messages and tags are taken on a closed ticket too; replies, changes are not.
      return ["note", "versioned", "message", "tags"].includes(s.kind)
        ? `refused on a closed ticket: ${describe()}`
        : null;
    }
  }
  if (
    options.allowUnavailable &&
    s.status === 503 &&
    isProblem &&
    s.problemType?.endsWith("/unavailable")
  ) {
    return null;
  }
  return `unexpected response: ${describe()}`;
}
