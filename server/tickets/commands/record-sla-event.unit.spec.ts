import { describe, expect, it } from "vitest";
import { givenTicket } from "@/server/testing/given-ticket";
import { decideRecordSlaEvent } from "@/server/tickets/commands/record-sla-event";
import { slaMomentKey } from "@/server/tickets/domain/types";

const now = new Date("2026-12-01T12:00:00Z");
const moment = {
  target: "firstResponse" as const,
  policyVersion: 2,
  startedAt: new Date("2026-12-01T10:00:00Z"),
  dueAt: new Date("2026-12-01T11:00:00Z"),
};

describe("RecordSlaEvent", () => {
  it("given a ticket at the clocks' version, when a breach is due, then it is recorded", () => {
    const decision = decideRecordSlaEvent(
      givenTicket({ version: 3 }),
      { kind: "SlaBreached", ticketVersion: 3, ...moment },
      now,
    );
    expect(decision).toEqual({ type: "SlaBreached", ...moment });
  });

  it("given the breach already recorded, when it fires again, then nothing is recorded", () => {
    const state = givenTicket({ version: 4, slaRecorded: [slaMomentKey("SlaBreached", moment)] });
    expect(
      decideRecordSlaEvent(state, { kind: "SlaBreached", ticketVersion: 4, ...moment }, now),
    ).toBeNull();
  });

  it("given a ticket changed since its clocks were computed, when a timer fires, then nothing is recorded", () => {
    expect(
      decideRecordSlaEvent(
        givenTicket({ version: 5 }),
        { kind: "SlaBreached", ticketVersion: 4, ...moment },
        now,
      ),
    ).toBeNull();
  });

  it("given a warning whose due time has passed too, when it fires, then nothing is recorded (the breach says more)", () => {
    expect(
      decideRecordSlaEvent(
        givenTicket({ version: 3 }),
        { kind: "SlaWarning", ticketVersion: 3, ...moment },
        now,
      ),
    ).toBeNull();
    expect(
      decideRecordSlaEvent(
        givenTicket({ version: 3 }),
        { kind: "SlaWarning", ticketVersion: 3, ...moment },
        new Date("2026-12-01T10:50:00Z"),
      ),
    ).toEqual({ type: "SlaWarning", ...moment });
  });
});
