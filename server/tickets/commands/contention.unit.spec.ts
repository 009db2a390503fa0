import { describe, expect, it } from "vitest";
import { problemFor } from "@/server/http/problem";
import { CONTENTION, TicketContendedError, backoffMs } from "@/server/tickets/commands/contention";

describe("backing off under contention", () => {
  it("waits up to base·2^attempt, never more than the cap, never less than nothing", () => {
    // Given the largest and smallest random draws; when each attempt backs off.
    const most = (attempt: number) => backoffMs(attempt, () => 0.999999);
    // Then the ceiling doubles from the base and stops at the cap.
    expect(most(1)).toBeCloseTo(2 * CONTENTION.baseMs, 3);
    expect(most(3)).toBeCloseTo(8 * CONTENTION.baseMs, 3);
    expect(most(30)).toBeLessThanOrEqual(CONTENTION.capMs);
    expect(most(30)).toBeGreaterThan(CONTENTION.capMs - 0.01);
    expect(backoffMs(5, () => 0)).toBe(0);
  });

  it("answers a ticket contended past the budget as a retryable 503 problem", async () => {
    // Given a command that lost every race; when the API answers it.
    const res = problemFor(new TicketContendedError("6b10fa38f82c22d7ce4ff8f8", 57));
    // Then the client is told to retry shortly, as for any transient refusal.
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("1");
    const body = (await res.json()) as { type: string; detail: string };
    expect(body.type).toMatch(/\/contended$/);
    expect(body.detail).toMatch(/nothing was saved after 57 attempts/);
  });
});
