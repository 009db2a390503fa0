// A consumer of GET /api/events, as an integration would write one: it pages from the start
// with long polls while the fault tests run, stores the cursor, and retries after failures.
// Afterwards, what it read is checked against the write model.
import { setTimeout as sleep } from "node:timers/promises";
import type { Collections } from "@/server/db/collections";
import type { PositionedEvent } from "@/server/events/event";

export class FeedConsumer {
  readonly events: PositionedEvent[] = [];
  cursor = "0";
  failures = 0;
  private stopping = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly baseURL: string,
    private readonly token: string,
  ) {}

  /** Pages until stop(): each request long-polls at most 2 s, and gives up after 10 s. */
  start() {
    this.running = (async () => {
      while (!this.stopping) await this.next(2);
    })();
  }

  async stop() {
    this.stopping = true;
    await this.running;
  }

  /** One page; false when it was empty. Failures (an outage, a restart) are counted and retried. */
  async next(wait?: number): Promise<boolean> {
    try {
      const query = `after=${this.cursor}&limit=200${wait ? `&wait=${wait}` : ""}`;
      const res = await fetch(`${this.baseURL}/api/events?${query}`, {
        headers: { authorization: `Bearer ${this.token}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`GET /api/events → ${res.status}`);
      const page = (await res.json()) as { items: PositionedEvent[]; nextCursor: string };
      this.events.push(...page.items);
      this.cursor = page.nextCursor;
      return page.items.length > 0;
    } catch {
      this.failures++;
      await sleep(200);
      return true;
    }
  }

  /** After the projections have drained: reads to the end (bounded). */
  async catchUp() {
    for (let i = 0; i < 10_000; i++) if (!(await this.next())) return;
    throw new Error("the event feed did not end");
  }
}

/**
 * What the consumer read against the write model: every version of every ticket exactly once,
 * nothing else, positions strictly increasing, each ticket's versions in order. Returns what
 * is wrong (empty when the feed was exact).
 */
export async function feedProblems(cols: Collections, read: PositionedEvent[]): Promise<string[]> {
  const problems: string[] = [];
  for (let i = 1; i < read.length; i++) {
    if (read[i]!.position <= read[i - 1]!.position)
      problems.push(`position ${read[i]!.position} came after ${read[i - 1]!.position}`);
  }
  const seen = new Map<string, number>();
  const lastVersion = new Map<string, number>();
  for (const e of read) {
    seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    if ((lastVersion.get(e.ticketId) ?? 0) >= e.version)
      problems.push(`${e.ticketId}: version ${e.version} after ${lastVersion.get(e.ticketId)}`);
    lastVersion.set(e.ticketId, e.version);
  }
  for (const [id, n] of seen) if (n > 1) problems.push(`${id} read ${n} times`);
  const expected = new Set<string>();
  for await (const t of cols.tickets.find({}, { projection: { version: 1 } })) {
    for (let v = 1; v <= t.version; v++) expected.add(`${t._id.toHexString()}:${v}`);
  }
  for (const id of expected) if (!seen.has(id)) problems.push(`${id} never read`);
  for (const id of seen.keys())
    if (!expected.has(id)) problems.push(`${id} is no change of the write model`);
  return problems;
}
