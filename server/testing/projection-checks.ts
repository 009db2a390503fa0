// Checks the fault tests run on a desk's database once the dust has settled: the queue drains,
// the dashboard equals a recount from the write model, acknowledged commands are all there.
import { MongoClient } from "mongodb";
import { collections, type Collections } from "@/server/db/collections";
import { setTimeout as sleep } from "node:timers/promises";
import { PROJECT_ROOT } from "@/server/db/embedded";
import { spawnWatched } from "@/server/process/watched";
import { childEnv, type AppProcess } from "@/server/testing/app-process";
import type { Sent } from "@/server/testing/http-load";
import { HISTORY_LIMIT } from "@/server/tickets/write-model";
import { decodeKey } from "@/server/read-models/dashboard/contribution";
import type { Counts } from "@/server/read-models/dashboard/json-text";
import { recountDashboard } from "@/server/read-models/dashboard/recount";

/** A client of our own on the app's database, with the read models of the active generation. */
export async function openDesk(uri: string): Promise<{ client: MongoClient; cols: Collections }> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  const db = client.db();
  const active = await collections(db).registry.findOne({ _id: "active" });
  return { client, cols: collections(db, active?.generation ?? 0) };
}

/**
 * Waits until no projection is owed: the queue is empty and no ticket is marked. Parked dead
 * letters fail at once (they would never drain). Returns how long it took.
 */
export async function waitForDrain(cols: Collections, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const queued = await cols.projectionQueue.find({}).toArray();
    const dead = queued.filter((e) => e.dead);
    if (dead.length > 0) {
      throw new Error(
        `dead letters: ${dead.map((e) => `${e._id.toHexString()} (${e.lastError})`).join(", ")}`,
      );
    }
    const marked = await cols.tickets.countDocuments({ dirtySince: { $ne: null } });
    if (queued.length === 0 && marked === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      const leases = queued.map(
        (e) => `${e._id.toHexString()} until ${e.leaseUntil.toISOString()}`,
      );
      const projectors = (await cols.projectorStatus.find({}).toArray()).map(
        (p) =>
          `${p._id}: last heartbeat ${Date.now() - p.heartbeatAt.getTime()} ms ago, ` +
          `${p.projected} projected, last error ${p.lastError?.message ?? "none"}`,
      );
      throw new Error(
        `the queue did not drain in ${timeoutMs} ms: ${queued.length} queued ` +
          `(${leases.slice(0, 5).join(", ")}), ${marked} tickets marked; projectors:\n` +
          projectors.join("\n"),
      );
    }
    await sleep(250);
  }
}

/** The counters GET /api/dashboard reports (assignees by person id), from counter keys. */
export function dashboardFigures(counts: Counts) {
  const get = (key: string) => counts[key] ?? 0;
  const byAssignee: Record<string, number> = {};
  for (const [key, value] of Object.entries(counts)) {
    if (key.startsWith("a:") && value > 0) byAssignee[decodeKey(key.slice(2))] = value;
  }
  return {
    total: get("total"),
    byStatus: { open: get("s:open"), triaged: get("s:triaged"), closed: get("s:closed") },
    byPriority: {
      low: get("p:low"),
      normal: get("p:normal"),
      high: get("p:high"),
      urgent: get("p:urgent"),
    },
    unassigned: get("u"),
    withNotes: get("n"),
    byAssignee,
  };
}
export type DashboardFigures = ReturnType<typeof dashboardFigures>;

/** What the app's GET /api/dashboard says, and what a recount of the write model says. */
export async function dashboardVersusRecount(baseURL: string, token: string, cols: Collections) {
  const res = await fetch(`${baseURL}/api/dashboard`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`GET /api/dashboard: ${res.status}`);
  const body = (await res.json()) as DashboardFigures & {
    assignees: { personId: string; count: number }[];
  };
  const api: DashboardFigures = {
    total: body.total,
    byStatus: body.byStatus,
    byPriority: body.byPriority,
    unassigned: body.unassigned,
    withNotes: body.withNotes,
    byAssignee: Object.fromEntries(body.assignees.map((a) => [a.personId, a.count])),
  };
  return { api, recount: dashboardFigures(await recountDashboard(cols)) };
}

/**
 * Every acknowledged command is in the write model: its ticket exists at that version or later,
 * with the history entry of that version. Returns what is missing.
 */
export async function lostAcknowledged(cols: Collections, sent: Sent[]): Promise<string[]> {
  const acked = sent.filter((s) => s.version !== null && s.ticketId !== null);
  const ids = [...new Set(acked.map((s) => s.ticketId!))];
  const docs = new Map<string, { version: number; versions: Set<number> }>();
  for (const ticket of await cols.tickets
    .find({}, { projection: { version: 1, "history.version": 1 } })
    .toArray()) {
    docs.set(ticket._id.toHexString(), {
      version: ticket.version,
      versions: new Set(ticket.history.map((h) => h.version)),
    });
  }
  const lost: string[] = [];
  for (const id of ids) if (!docs.has(id)) lost.push(`ticket ${id} is missing`);
  for (const s of acked) {
    const doc = docs.get(s.ticketId!);
    if (!doc) continue;
    if (doc.version < s.version!) {
      lost.push(
        `${s.kind} on ${s.ticketId}: acknowledged v${s.version}, ticket at v${doc.version}`,
      );
    } else if (!doc.versions.has(s.version!)) {
      lost.push(`${s.kind} on ${s.ticketId}: no history entry for acknowledged v${s.version}`);
    }
  }
  return lost;
}

/**
 * The write model's own invariants after any interleaving: versions are 1..n without gaps or
 * repeats, and nothing but notes, tags and follow-up links (what a closed ticket takes) happened
 * to a ticket after it was closed: no status change, assignment, priority, message or reply.
 */
const AFTER_CLOSE: ReadonlySet<string> = new Set(["NoteAdded", "TagsChanged", "FollowUpCreated"]);

export async function historyProblems(cols: Collections): Promise<string[]> {
  const problems: string[] = [];
  const cursor = cols.tickets.find({}, { projection: { version: 1, history: 1, status: 1 } });
  for await (const ticket of cursor) {
    const id = ticket._id.toHexString();
    const versions = ticket.history.map((h) => h.version);
    // The history keeps the last HISTORY_LIMIT entries: the oldest may be gone, never a middle one.
    const kept = Math.min(ticket.version, HISTORY_LIMIT);
    const expected = Array.from({ length: kept }, (_, i) => ticket.version - kept + i + 1);
    if (versions.join() !== expected.join()) {
      problems.push(`${id}: history versions ${versions.join()} for version ${ticket.version}`);
    }
    // An SLA warning or breach is recorded once per target, policy version and clock start.
    const moments = ticket.history
      .filter((h) => h.type === "SlaWarning" || h.type === "SlaBreached")
      .map(
        (h) => `${h.type}:${h.changes.target}:${h.changes.policyVersion}:${h.changes.startedAt}`,
      );
    const twice = moments.filter((m, i) => moments.indexOf(m) !== i);
    if (twice.length > 0) problems.push(`${id}: SLA moments recorded twice: ${twice.join(", ")}`);
    const closedAt = ticket.history.findIndex(
      (h) => h.type === "StatusChanged" && h.changes.to === "closed",
    );
    if (closedAt >= 0) {
      const after = ticket.history.slice(closedAt + 1).filter((h) => !AFTER_CLOSE.has(h.type));
      if (after.length > 0 || ticket.status !== "closed") {
        problems.push(`${id}: changed after it was closed: ${after.map((h) => h.type).join()}`);
      }
    }
  }
  return problems;
}

/** `npm run projections:verify` as a separate process against one database. */
export async function runVerifyScript(
  uri: string,
): Promise<{ code: number | null; output: string }> {
  const output: string[] = [];
  const run = spawnWatched("npm", ["run", "--silent", "projections:verify"], {
    cwd: PROJECT_ROOT,
    env: childEnv({ MONGODB_URI: uri }),
  });
  run.child.stdout?.on("data", (b: Buffer) => output.push(b.toString()));
  run.child.stderr?.on("data", (b: Buffer) => output.push(b.toString()));
  const timer = setTimeout(() => void run.stop(0), 120_000);
  const code = await run.exited;
  clearTimeout(timer);
  return { code, output: output.join("") };
}

/**
 * Stops the desk writing by itself before it is checked: with targets of seconds, SLA warnings
 * and breaches would go on being recorded (new ticket versions) while verify reads. A policy
 * with no targets, once its recompute is done, leaves no clock running. Bounded: with no
 * projector running nothing records anything anyway.
 */
export async function quiesceSla(app: Pick<AppProcess, "baseURL" | "apiToken">, label: string) {
  const call = async (init?: RequestInit) => {
    const res = await fetch(`${app.baseURL}/api/sla`, {
      ...init,
      headers: { authorization: `Bearer ${app.apiToken}`, "content-type": "application/json" },
    });
    return (await res.json()) as {
      version: number;
      recompute: { policyVersion: number; finishedAt: string | null } | null;
    };
  };
  const saved = await call({
    method: "PUT",
    body: JSON.stringify({ calendar: { alwaysOpen: true }, targets: {} }),
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const { recompute } = await call();
    if (recompute?.policyVersion === saved.version && recompute.finishedAt) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`${label}: the recompute to a policy without targets did not finish in 90 s`);
}
