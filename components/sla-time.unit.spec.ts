import { describe, expect, it } from "vitest";
import { dueText, spanText } from "@/components/sla-time";

describe("SLA times in words", () => {
  it("writes a span in its two largest units, the last hour to the second", () => {
    expect(spanText(45_400)).toBe("45s");
    expect(spanText(12 * 60_000 + 5_000)).toBe("12m 05s");
    expect(spanText(3 * 3_600_000 + 5 * 60_000 + 59_000)).toBe("3h 05m");
    expect(spanText(2 * 86_400_000 + 4 * 3_600_000)).toBe("2d 4h");
    expect(spanText(-90_000)).toBe("1m 30s");
  });

  it("counts down to the moment, then counts up as overdue", () => {
    const due = Date.parse("2026-12-04T12:00:00Z");
    expect(dueText(due, due - 600_000)).toBe("due in 10m 00s");
    expect(dueText(due, due - 1)).toBe("due in 1s");
    expect(dueText(due, due)).toBe("0s overdue");
    expect(dueText(due, due + 4 * 60_000)).toBe("4m 00s overdue");
  });
});
