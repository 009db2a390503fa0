import { describe, expect, it } from "vitest";
import { afterFailure, DEFAULT_RETRY_POLICY, retryDelay } from "@/server/webhooks/retry";

const minutes = (n: number) => n * 60_000;

describe("the retry schedule", () => {
  it("given failures one after another, waits about 5 s, 30 s, 2 min, 10 min, 1 h, then 6 h each time", () => {
    // when the jitter is at its middle
    const waits = [1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelay(DEFAULT_RETRY_POLICY, n, 0.5));

    // then the waits are the schedule, the last repeating
    expect(waits).toEqual([
      5_000,
      30_000,
      minutes(2),
      minutes(10),
      minutes(60),
      minutes(360),
      minutes(360),
      minutes(360),
    ]);
  });

  it("given any jitter, stays within 20 % of the schedule", () => {
    // when the random draw is at either end
    const low = retryDelay(DEFAULT_RETRY_POLICY, 2, 0);
    const high = retryDelay(DEFAULT_RETRY_POLICY, 2, 0.999_999);

    // then the wait is between 80 % and 120 % of 30 s
    expect(low).toBe(24_000);
    expect(high).toBeLessThanOrEqual(36_000);
    expect(high).toBeGreaterThan(35_000);
  });

  it("given an event failing for almost 3 days, retries; past 3 days, gives up and says why", () => {
    const since = new Date("2026-12-01T00:00:00Z");
    // when the next wait still ends within 3 days of the first failure
    const early = afterFailure(
      DEFAULT_RETRY_POLICY,
      12,
      since,
      new Date("2026-12-03T12:00:00Z"),
      "answered 500",
      0.5,
    );
    // then it is retried 6 h later
    expect(early).toEqual({ kind: "retry", at: new Date("2026-12-03T18:00:00Z") });

    // when the next wait would end past 3 days
    const late = afterFailure(
      DEFAULT_RETRY_POLICY,
      13,
      since,
      new Date("2026-12-03T20:00:00Z"),
      "answered 500",
      0.5,
    );
    // then the subscription gives up, naming the first failure and the last error
    expect(late).toMatchObject({ kind: "give-up" });
    expect(late.kind === "give-up" && late.reason).toMatch(/since 2026-12-01T00:00:00.000Z.*500/);
  });
});
