import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { waitForDrain } from "@/server/testing/projection-checks";
import { expectDeskExact, projectorDesk } from "@/server/testing/projector-desk";
import type { Sent } from "@/server/testing/http-load";

// Nobody acts when an SLA target passes: the projector processes record the breach themselves.
// Two projectors run the timers at once, one of them is SIGKILLed in the middle of the due
// times and another started in its place: every ticket's breach must be recorded exactly once,
// within 30 s of its due time, and the read models must verify. (The fault tests run with
// SLA_MINUTE_MS=1000: a policy "minute" lasts a second.) The tickets' clocks are projected
// before the due times start: a projector killed in the middle of projecting a ticket holds it
// for its 30 s lease, which would delay that ticket's clocks, not its timers.
const TICKETS = 60;
const TARGET_MINUTES = 15;

const desk = projectorDesk();

async function api(path: string, init: RequestInit = {}) {
  const { baseURL, apiToken } = desk.app;
  const res = await fetch(`${baseURL}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
  });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, body };
}

describe("SLA timers in several projector processes, one killed", () => {
  it("record each breach exactly once, within 30 s of its due time", async () => {
    const { cols } = desk;
    const policy = await api("/api/sla", {
      method: "PUT",
      body: JSON.stringify({
        calendar: { alwaysOpen: true },
        targets: { urgent: { firstResponseMinutes: TARGET_MINUTES } },
      }),
    });
    expect(policy.status).toBe(200);

    const first = desk.spawnProjector();
    const second = desk.spawnProjector();
    await Promise.all([first.ready, second.ready]);

    const sent: Sent[] = [];
    for (let i = 0; i < TICKETS; i++) {
      const started = Date.now();
      const res = await api("/api/tickets", {
        method: "POST",
        body: JSON.stringify({ subject: `Urgent ${i}`, message: "Down!", priority: "urgent" }),
      });
      expect(res.status).toBe(201);
      sent.push({
        kind: "create",
        ticketId: String(res.body.ticketId),
        status: res.status,
        contentType: "application/json",
        problemType: null,
        version: Number(res.body.version),
        knownClosed: false,
        at: started,
        ms: Date.now() - started,
      });
    }
    await waitForDrain(cols, 30_000);
    // Kill one in the middle of the due times, and start another in its place.
    const middle = sent[TICKETS / 2]!.at + TARGET_MINUTES * 1_000;
    await sleep(Math.max(0, middle - Date.now()));
    await first.kill();
    const third = desk.spawnProjector();
    await third.ready;

    // Wait for every breach (bounded): the last ticket's due time plus 30 s.
    const deadline = sent.at(-1)!.at + TARGET_MINUTES * 1_000 + 30_000;
    let recorded = 0;
    while (Date.now() < deadline) {
      recorded =
        (
          await cols.tickets
            .aggregate<{ n: number }>([
              { $unwind: "$history" },
              { $match: { "history.type": "SlaBreached" } },
              { $count: "n" },
            ])
            .toArray()
        )[0]?.n ?? 0;
      if (recorded >= TICKETS) break;
      await sleep(250);
    }
    await waitForDrain(cols, 60_000);

    const late: string[] = [];
    const delays: number[] = [];
    const counts: number[] = [];
    for await (const ticket of cols.tickets.find({})) {
      const breaches = ticket.history.filter((h) => h.type === "SlaBreached");
      counts.push(breaches.length);
      for (const b of breaches) {
        const delay = b.at.getTime() - Date.parse(b.changes.dueAt ?? "");
        delays.push(delay);
        if (!(delay >= 0 && delay <= 30_000)) late.push(`${ticket._id.toHexString()}: ${delay} ms`);
      }
    }
    console.log(
      `sla timers: ${recorded} breaches recorded for ${TICKETS} tickets, at most ${Math.max(...delays)} ms after their due time`,
    );
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(late).toEqual([]);
    await expectDeskExact(desk, "sla timers", { sent, tickets: sent.map((s) => s.ticketId!) });
    await Promise.all([second.stop(), third.stop()]);
  });
});
