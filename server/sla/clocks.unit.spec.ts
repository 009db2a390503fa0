import { describe, expect, it } from "vitest";
import { clockState, computeClocks, type SlaFacts } from "@/server/sla/clocks";
import { DEFAULT_SLA_POLICY, type SlaPolicy } from "@/server/sla/policy-schema";

const MINUTE = 60_000;
const options = { minuteMs: MINUTE };
const t = (iso: string) => new Date(iso);

/** Weekdays 09:00–17:00 in Lisbon (UTC+0 in winter), urgent: 60 / 30 / 240 minutes. */
const officeHours: SlaPolicy = {
  ...DEFAULT_SLA_POLICY,
  version: 3,
  calendar: {
    timeZone: "Europe/Lisbon",
    hours: Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "17:00"]]]),
    ),
    holidays: ["2026-12-25"],
  },
  targets: {
    ...DEFAULT_SLA_POLICY.targets,
    urgent: { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 240 },
  },
};

const facts = (over: Partial<SlaFacts> = {}): SlaFacts => ({
  createdAt: t("2026-12-01T10:00:00Z"), // a Tuesday
  priority: "urgent",
  closedAt: null,
  publics: [],
  ...over,
});

const clock = (f: SlaFacts, target: string, policy = officeHours) =>
  computeClocks(f, policy, options).clocks.find((c) => c.target === target);

describe("SLA clocks", () => {
  it("given a priority without targets, when computed, then there are no clocks", () => {
    expect(computeClocks(facts({ priority: "low" }), officeHours, options)).toEqual({
      policyVersion: 3,
      clocks: [],
    });
  });

  it("given a new ticket in working hours, when computed, then first response is due after the target in working time", () => {
    const first = clock(facts(), "firstResponse")!;
    expect(first.dueAt).toEqual(t("2026-12-01T11:00:00Z"));
    expect(first.warnAt).toEqual(t("2026-12-01T10:48:00Z")); // 80% of 60 minutes
    expect(clockState(first, t("2026-12-01T10:59:00Z"))).toBe("running");
    expect(clockState(first, t("2026-12-01T11:00:00Z"))).toBe("breached");
  });

  it("given a ticket created at 16:30, when computed, then the clock carries over to the next morning", () => {
    const first = clock(facts({ createdAt: t("2026-12-01T16:30:00Z") }), "firstResponse")!;
    expect(first.dueAt).toEqual(t("2026-12-02T09:30:00Z"));
  });

  it("given a reply before the due time, when computed, then first response is met then and never breaches", () => {
    const first = clock(
      facts({ publics: [{ from: "agent", at: t("2026-12-01T10:20:00Z") }] }),
      "firstResponse",
    )!;
    expect(first.metAt).toEqual(t("2026-12-01T10:20:00Z"));
    expect(first.breachedAt).toBeNull();
    expect(clockState(first, t("2027-01-01T00:00:00Z"))).toBe("met");
  });

  it("given a reply after the due time, when computed, then it was breached at the due time and met late", () => {
    const first = clock(
      facts({ publics: [{ from: "agent", at: t("2026-12-01T12:00:00Z") }] }),
      "firstResponse",
    )!;
    expect(first.breachedAt).toEqual(t("2026-12-01T11:00:00Z"));
    expect(clockState(first, t("2026-12-01T12:00:00Z"))).toBe("breached");
  });

  it("given a customer writing after a reply, when computed, then next response runs from that message", () => {
    const next = clock(
      facts({
        publics: [
          { from: "agent", at: t("2026-12-01T10:10:00Z") },
          { from: "customer", at: t("2026-12-01T16:50:00Z") },
          { from: "customer", at: t("2026-12-01T16:55:00Z") },
        ],
      }),
      "nextResponse",
    )!;
    expect(next.startedAt).toEqual(t("2026-12-01T16:50:00Z"));
    expect(next.dueAt).toEqual(t("2026-12-02T09:20:00Z")); // 10 minutes today, 20 tomorrow
    expect(clock(facts(), "nextResponse")).toBeUndefined();
  });

  it("given replies and customer messages, when computed, then resolution counts only the time the desk owed an answer", () => {
    // Runs 10:00–10:30 (30 min), paused until 14:00, runs again from 14:00: 210 min left.
    const f = facts({
      publics: [
        { from: "agent", at: t("2026-12-01T10:30:00Z") },
        { from: "customer", at: t("2026-12-01T14:00:00Z") },
      ],
    });
    const resolution = clock(f, "resolution")!;
    expect(resolution.pausedAt).toBeNull();
    expect(resolution.dueAt).toEqual(t("2026-12-02T09:30:00Z")); // 180 min today, 30 tomorrow
    const paused = clock(
      facts({ publics: [{ from: "agent", at: t("2026-12-01T10:30:00Z") }] }),
      "resolution",
    )!;
    expect(paused.pausedAt).toEqual(t("2026-12-01T10:30:00Z"));
    expect(paused.remainingMs).toBe(210 * MINUTE);
    expect(paused.dueAt).toBeNull();
    expect(clockState(paused, t("2026-12-09T00:00:00Z"))).toBe("paused");
  });

  it("given a resolution target that ran out before a pause, when computed, then the breach is known from the facts", () => {
    const resolution = clock(
      facts({ publics: [{ from: "agent", at: t("2026-12-01T15:30:00Z") }] }), // 330 min of 240
      "resolution",
    )!;
    expect(resolution.breachedAt).toEqual(t("2026-12-01T14:00:00Z"));
    expect(clockState(resolution, t("2026-12-01T15:31:00Z"))).toBe("breached");
  });

  it("given a ticket closed without a reply before its due time, when computed, then every clock is met at the close", () => {
    const closedAt = t("2026-12-01T10:40:00Z");
    const clocks = computeClocks(facts({ closedAt }), officeHours, options).clocks;
    expect(clocks.map((c) => [c.target, c.metAt, c.breachedAt])).toEqual([
      ["firstResponse", closedAt, null],
      ["resolution", closedAt, null],
    ]);
  });

  it("given a holiday, when computed, then it does not count", () => {
    const first = clock(facts({ createdAt: t("2026-12-24T16:30:00Z") }), "firstResponse")!;
    // Thursday 16:30–17:00, Friday 25th is a holiday, the weekend: Monday 09:30.
    expect(first.dueAt).toEqual(t("2026-12-28T09:30:00Z"));
  });

  it("given a shorter minute (tests), when computed, then targets scale with it", () => {
    const policy: SlaPolicy = { ...officeHours, calendar: { alwaysOpen: true } };
    const first = computeClocks(facts(), policy, { minuteMs: 1_000 }).clocks[0]!;
    expect(first.dueAt!.getTime() - first.startedAt.getTime()).toBe(60_000);
  });
});
