import { beforeEach, describe, expect, it } from "vitest";
import * as dashboard from "@/app/api/dashboard/route";
import * as sla from "@/app/api/sla/route";
import * as versions from "@/app/api/sla/versions/route";
import * as one from "@/app/api/tickets/[ticketId]/route";
import * as tickets from "@/app/api/tickets/route";
import { getCollections } from "@/server/db/client";
import { recomputeClocks } from "@/server/read-models/sla/recompute";
import { slaLinks } from "@/server/read-models/sla/links";
import type { SlaDashboard } from "@/server/read-models/sla/schema";
import type { TicketDetail } from "@/server/read-models/ticket-detail/detail-schema";
import type { TicketListPage } from "@/server/read-models/ticket-list/item-schema";
import { fireDueTimers } from "@/server/sla/timers";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import { send, type Sent } from "@/server/testing/http";
import { emptyDesk } from "@/server/testing/read-collections";
import { sendReply } from "@/server/tickets/commands/send-reply";

const MINUTE = 60_000;

const POLICY = {
  calendar: {
    timeZone: "Europe/Lisbon",
    hours: {
      mon: [["09:00", "17:30"]],
      tue: [
        ["09:00", "12:00"],
        ["13:00", "17:30"],
      ],
      sat: [],
      sun: [["22:00", "24:00"]],
    },
    holidays: ["2026-12-25"],
  },
  targets: {
    urgent: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 480 },
    high: { firstResponseMinutes: 120, nextResponseMinutes: null, resolutionMinutes: 1440 },
    normal: { firstResponseMinutes: 480 },
    low: {},
  },
};

const put = (json: unknown, who: "write" | "read" | "lead" | "agent" = "write") =>
  send(sla.PUT, "/api/sla", { method: "PUT", json, as: who });

function expectProblem(res: Sent, status: number, field?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.contentType).toContain("application/problem+json");
  if (field) expect((res.body as { errors: Record<string, unknown> }).errors).toHaveProperty(field);
}

const list = async (query: string) => {
  const res = await send(tickets.GET, `/api/tickets?${query}`, { as: "read" });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as TicketListPage).items.map((i) => i.ticketId);
};

describe("GET/PUT /api/sla", () => {
  beforeEach(async () => {
    await emptyDesk(await getCollections());
  });

  it("given no policy saved, when read, then it is version 0 with no targets", async () => {
    const res = await send(sla.GET, "/api/sla", { as: "read" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 0,
      calendar: { alwaysOpen: true },
      targets: { urgent: { firstResponseMinutes: null } },
      recompute: null,
    });
  });

  it("given a whole policy, when put by a write token, then it is a new version with who and when, and the history lists it", async () => {
    const res = await put(POLICY);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      updatedBy: "tests (write) (API token)",
      calendar: POLICY.calendar,
    });
    expect((res.body as { targets: unknown }).targets).toMatchObject({
      normal: { firstResponseMinutes: 480, nextResponseMinutes: null, resolutionMinutes: null },
      low: { firstResponseMinutes: null },
    });
    await put({ calendar: { alwaysOpen: true }, targets: {} }, "lead");
    const got = await send(sla.GET, "/api/sla", { as: "agent" });
    expect(got.body).toMatchObject({ version: 2, calendar: { alwaysOpen: true } });
    const history = await send(versions.GET, "/api/sla/versions", { as: "read" });
    expect((history.body as { items: { version: number }[] }).items.map((v) => v.version)).toEqual([
      2, 1,
    ]);
  });

  it("given bad input, when put, then a 400 problem names the field and nothing is saved", async () => {
    expectProblem(
      await put({ ...POLICY, calendar: { ...POLICY.calendar, timeZone: "Mars/Olympus" } }),
      400,
      "calendar.timeZone",
    );
    expectProblem(
      await put({
        ...POLICY,
        calendar: { ...POLICY.calendar, hours: { tue: [["13:00", "12:00"]] } },
      }),
      400,
      "calendar.hours.tue.0",
    );
    expectProblem(
      await put({ ...POLICY, targets: { urgent: { firstResponseMinutes: -5 } } }),
      400,
      "targets.urgent.firstResponseMinutes",
    );
    expectProblem(await put({ ...POLICY, targets: { someday: {} } }), 400);
    expectProblem(
      await put({ ...POLICY, calendar: { ...POLICY.calendar, holidays: ["2026-02-30"] } }),
      400,
      "calendar.holidays.0",
    );
    expectProblem(await put(POLICY, "read"), 403);
    expectProblem(await put(POLICY, "agent"), 403);
    expect((await send(sla.GET, "/api/sla", { as: "read" })).body).toMatchObject({ version: 0 });
  });

  it("given clocks, when the API reads tickets, then detail and list carry them, and the dashboard's numbers drill down to exactly their tickets", async () => {
    expect(
      (
        await put({
          calendar: { alwaysOpen: true },
          targets: { urgent: { firstResponseMinutes: 30 } },
        })
      ).status,
    ).toBe(200);
    const make = async (minutesAgo: number) => {
      const { ticketId } = await create(
        { subject: "Server down", message: "Help", priority: "urgent" },
        as("Sam", new Date(Date.now() - minutesAgo * MINUTE)),
      );
      return ticketId;
    };
    const late = await make(45);
    const answered = await make(20);
    const running = await make(5);
    await sendReply(answered, { body: "Restarted." }, as("Aisha"));
    await drainProjectionQueue();
    const cols = await getCollections();
    await recomputeClocks(cols, new Date(), { budgetMs: 5_000 });
    await fireDueTimers(cols, new Date());
    await drainProjectionQueue();

    const detail = await send(
      one.GET,
      `/api/tickets/${running}`,
      { as: "read" },
      { ticketId: running },
    );
    const body = detail.body as TicketDetail;
    expect(body.sla).toMatchObject({
      policyVersion: 1,
      targets: { firstResponse: { state: "running" }, resolution: null },
    });
    expect((await list("sort=sla_due")).slice(0, 3)).toEqual([late, running, answered]);
    expect(await list("sla=breached")).toEqual([late]);
    expectProblem(
      await send(tickets.GET, "/api/tickets?sort=sla_due&q=server", { as: "read" }),
      400,
      "sort",
    );
    expectProblem(await send(tickets.GET, "/api/tickets?sla=late", { as: "read" }), 400, "sla");

    const res = await send(dashboard.GET, "/api/dashboard", { as: "read" });
    const figures = (res.body as { sla: SlaDashboard }).sla;
    expect(figures.targets.firstResponse).toMatchObject({ met: 1, breached: 1, percentMet: 50 });
    expect(figures.breachedOpen).toBe(1);
    const links = slaLinks(figures);
    const numbers = [
      links.targets.firstResponse.met,
      links.targets.firstResponse.breached,
      links.targets.firstResponse.byPriority.urgent!.met,
      ...links.targets.firstResponse.byAgent.flatMap((a) => [a.met, a.breached]),
      ...links.breachesPerDay.map((d) => d.count),
      links.atRisk,
      links.breachedOpen,
    ];
    for (const { value, params } of numbers) {
      const ids = await list(new URLSearchParams({ ...params, limit: "100" }).toString());
      expect(ids, JSON.stringify(params)).toHaveLength(value);
    }
  });
});
