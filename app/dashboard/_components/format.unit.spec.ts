import { describe, expect, it } from "vitest";
import { humanDuration, humanLag, utcTime } from "@/app/dashboard/_components/format";

describe("dashboard formats", () => {
  it("writes durations the way people say them", () => {
    expect(humanDuration(45_000)).toBe("45 s");
    expect(humanDuration(12 * 60_000)).toBe("12 min");
    expect(humanDuration(59.8 * 60_000)).toBe("1 h");
    expect(humanDuration(3 * 3_600_000 + 20 * 60_000)).toBe("3 h 20 min");
    expect(humanDuration(52 * 3_600_000)).toBe("2 d 4 h");
    expect(humanDuration(48 * 3_600_000)).toBe("2 d");
  });

  it("writes lags and times of day", () => {
    expect(humanLag(80)).toBe("80 ms");
    expect(humanLag(1_234)).toBe("1.2 s");
    expect(utcTime("2026-11-27T12:03:04.123Z")).toBe("12:03:04");
  });
});
