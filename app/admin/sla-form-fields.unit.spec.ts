import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/server/http/validation";
import { slaPolicyInput } from "@/server/sla/policy-schema";
import {
  MODE_FIELD,
  TIME_ZONE_FIELD,
  holidayField,
  intervalField,
  policyFromForm,
  targetField,
} from "@/app/admin/sla-form-fields";
import { draftOf, withHolidays } from "@/app/admin/_components/sla-draft";

const hoursForm = (extra: Record<string, string> = {}) => ({
  [MODE_FIELD]: "hours",
  [TIME_ZONE_FIELD]: "Europe/Lisbon",
  [`${intervalField("mon", 0)}.0`]: "09:00",
  [`${intervalField("mon", 0)}.1`]: "17:30",
  [`${intervalField("tue", 1)}.0`]: "13:00",
  [`${intervalField("tue", 1)}.1`]: "17:30",
  [`${intervalField("tue", 0)}.0`]: "09:00",
  [`${intervalField("tue", 0)}.1`]: "12:00",
  [`${intervalField("sun", 0)}.0`]: "22:00",
  [`${intervalField("sun", 0)}.1`]: "24:00",
  [holidayField(0)]: "2026-12-25",
  [targetField("urgent", "firstResponse")]: "30",
  [targetField("urgent", "resolution")]: " 480 ",
  [targetField("high", "nextResponse")]: "",
  ...extra,
});

describe("the SLA policy form's fields", () => {
  it("given working hours, reads them as the API's policy, intervals in order and empty days closed", () => {
    const parsed = slaPolicyInput.parse(policyFromForm(hoursForm()));
    expect(parsed.calendar).toEqual({
      timeZone: "Europe/Lisbon",
      hours: {
        mon: [["09:00", "17:30"]],
        tue: [
          ["09:00", "12:00"],
          ["13:00", "17:30"],
        ],
        wed: [],
        thu: [],
        fri: [],
        sat: [],
        sun: [["22:00", "24:00"]],
      },
      holidays: ["2026-12-25"],
    });
    expect(parsed.targets.urgent).toEqual({
      firstResponseMinutes: 30,
      nextResponseMinutes: null,
      resolutionMinutes: 480,
    });
    expect(parsed.targets.high.nextResponseMinutes).toBeNull();
  });

  it("given 24/7, sends no hours, whatever the hidden fields held", () => {
    const parsed = slaPolicyInput.parse(policyFromForm(hoursForm({ [MODE_FIELD]: "alwaysOpen" })));
    expect(parsed.calendar).toEqual({ alwaysOpen: true });
  });

  it("when the schema refuses, each error is keyed by the name of the input that caused it", () => {
    const form = hoursForm({
      [`${intervalField("tue", 1)}.0`]: "18:00",
      [`${intervalField("mon", 0)}.1`]: "25:00",
      [TIME_ZONE_FIELD]: "Mars/Olympus",
      [holidayField(1)]: "",
      [targetField("urgent", "firstResponse")]: "-5",
      [targetField("low", "resolution")]: "soon",
    });
    const result = slaPolicyInput.safeParse(policyFromForm(form));
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error!);
    expect(Object.keys(errors).sort()).toEqual(
      [
        intervalField("tue", 1),
        `${intervalField("mon", 0)}.1`,
        TIME_ZONE_FIELD,
        holidayField(1),
        targetField("urgent", "firstResponse"),
        targetField("low", "resolution"),
      ].sort(),
    );
    // A word is refused as not a number, never taken as "no target".
    expect(errors[targetField("low", "resolution")]?.[0]).toContain("must be a number");
  });
});

describe("the form's draft", () => {
  it("offers office hours Monday to Friday to a desk that was 24/7", () => {
    const draft = draftOf({
      calendar: { alwaysOpen: true },
      targets: {
        low: { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null },
        normal: { firstResponseMinutes: 480, nextResponseMinutes: null, resolutionMinutes: null },
        high: { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null },
        urgent: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 480 },
      },
    });
    expect(draft.mode).toBe("alwaysOpen");
    expect(draft.hours.fri.map((i) => [i.start, i.end])).toEqual([["09:00", "17:00"]]);
    expect(draft.hours.sat).toEqual([]);
    expect(draft.targets.urgent).toEqual({
      firstResponse: "30",
      nextResponse: "60",
      resolution: "480",
    });
    expect(draft.targets.normal.resolution).toBe("");
  });

  it("adds imported holidays once, sorted, blank rows last", () => {
    let id = 10;
    const { holidays, added } = withHolidays(
      [
        { id: 1, date: "2026-12-25" },
        { id: 2, date: "" },
      ],
      ["2027-01-01", "2026-12-25", "2026-04-03", "2027-01-01"],
      () => id++,
    );
    expect(added).toBe(2);
    expect(holidays.map((h) => h.date)).toEqual(["2026-04-03", "2026-12-25", "2027-01-01", ""]);
  });
});
