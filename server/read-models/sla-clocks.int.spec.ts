import { ObjectId } from "mongodb";
import { beforeEach, describe, expect, it } from "vitest";
import { getCollections } from "@/server/db/client";
import { readFeed } from "@/server/events/read";
import { verifyProjections } from "@/server/projections/verify";
import { listTicketsWithSla } from "@/server/read-models/list-tickets-with-sla";
import { getTicket } from "@/server/read-models/get-ticket";
import { slaCollections } from "@/server/read-models/sla/collections";
import { slaRecomputeProgress } from "@/server/read-models/sla/get-clocks";
import { getSlaDashboard } from "@/server/read-models/sla/get-sla-dashboard";
import { recomputeClocks } from "@/server/read-models/sla/recompute";
import { listTicketsQuery } from "@/server/read-models/ticket-list/query";
import { saveSlaPolicy } from "@/server/sla/policy";
import { slaPolicyInput, type SlaPolicyInput } from "@/server/sla/policy-schema";
import { fireDueTimers } from "@/server/sla/timers";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import { emptyDesk } from "@/server/testing/read-collections";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { receiveMessage } from "@/server/tickets/commands/receive-message";
import { sendReply } from "@/server/tickets/commands/send-reply";
import { setPriority } from "@/server/tickets/commands/set-priority";

const MINUTE = 60_000;
const LEAD = { id: "user:lead", name: "Lena Lead" };

const policy = (urgent: Record<string, number | null>, normal: Record<string, number> = {}) =>
  slaPolicyInput.parse({ calendar: { alwaysOpen: true }, targets: { urgent, normal } });

async function givenPolicy(input: SlaPolicyInput) {
  const cols = await getCollections();
  const saved = await saveSlaPolicy(cols.db, input, LEAD, new Date());
  await recomputeClocks(cols, new Date(), { budgetMs: 10_000 });
  return saved;
}

/** A ticket created `minutesAgo` minutes ago, projected. */
async function ticketFrom(minutesAgo: number, priority = "urgent", subject = "Printer on fire") {
  const at = new Date(Date.now() - minutesAgo * MINUTE);
  const { ticketId } = await create(
    { subject, message: "It is on fire.", priority, customer: { email: "sam@example.test" } },
    as("Sam", at),
  );
  await drainProjectionQueue();
  return ticketId;
}

const detailSla = async (ticketId: string) => {
  const read = await getTicket(ticketId);
  if (read.state !== "current") throw new Error(`ticket ${ticketId} is ${read.state}`);
  return read.ticket.sla;
};

async function list(raw: Record<string, string>) {
  return listTicketsWithSla(listTicketsQuery.parse(raw));
}

async function fire(atOffsetMs = 0) {
  const cols = await getCollections();
  let fired = 0;
  for (let n = await fireDueTimers(cols, new Date(Date.now() + atOffsetMs)); n > 0;) {
    fired += n;
    await drainProjectionQueue();
    n = await fireDueTimers(cols, new Date(Date.now() + atOffsetMs));
  }
  await drainProjectionQueue();
  return fired;
}

async function slaHistory(ticketId: string) {
  const { tickets } = await getCollections();
  const doc = await tickets.findOne({ _id: new ObjectId(ticketId) });
  return doc!.history.filter((h) => h.type === "SlaWarning" || h.type === "SlaBreached");
}

const drift = async () =>
  (await verifyProjections(await getCollections(), { waitForQueueMs: 0 })).drift;

describe("SLA clocks", () => {
  beforeEach(async () => {
    await emptyDesk(await getCollections());
  });

  it("given a first-response target, when an urgent ticket is created, then its clock runs to creation + target", async () => {
    await givenPolicy(policy({ firstResponseMinutes: 30, resolutionMinutes: 120 }));
    const ticketId = await ticketFrom(10);

    const sla = await detailSla(ticketId);
    const first = sla!.targets.firstResponse!;
    expect(sla!.policyVersion).toBe(1);
    expect(first.state).toBe("running");
    expect(first.atRisk).toBe(false);
    const created = Date.parse(first.startedAt);
    expect(Date.parse(first.dueAt!) - created).toBe(30 * MINUTE);
    expect(sla!.targets.nextResponse).toBeNull();

    const page = await list({});
    expect(page.items[0]).toMatchObject({ ticketId, slaState: "running", slaDueAt: first.dueAt });
    expect(await drift()).toEqual([]);
  });

  it("given a running ticket, when an agent replies, then first response is met and resolution pauses until the customer writes", async () => {
    await givenPolicy(
      policy({ firstResponseMinutes: 30, nextResponseMinutes: 20, resolutionMinutes: 120 }),
    );
    const ticketId = await ticketFrom(10);

    await sendReply(ticketId, { body: "On it." }, as("Aisha"));
    await drainProjectionQueue();
    let sla = (await detailSla(ticketId))!;
    expect(sla.targets.firstResponse!.state).toBe("met");
    expect(sla.targets.resolution!.state).toBe("paused");
    expect(sla.targets.resolution!.remainingMs).toBeGreaterThan(100 * MINUTE);

    await receiveMessage(ticketId, { body: "Still burning.", customer: null }, as("Sam"));
    await drainProjectionQueue();
    sla = (await detailSla(ticketId))!;
    expect(sla.targets.resolution!.state).toBe("running");
    expect(sla.targets.nextResponse!.state).toBe("running");
    expect(
      Date.parse(sla.targets.nextResponse!.dueAt!) -
        Date.parse(sla.targets.nextResponse!.startedAt),
    ).toBe(20 * MINUTE);
    expect(await drift()).toEqual([]);
  });

  it("given a target that has passed with nobody acting, when the timers run, then the breach is recorded once, in the timeline and on the feed", async () => {
    await givenPolicy(policy({ firstResponseMinutes: 30 }));
    const late = await ticketFrom(40);
    const atRisk = await ticketFrom(25);

    // when two projector processes fire the same timers, and fire them again
    const cols = await getCollections();
    await Promise.all([fireDueTimers(cols, new Date()), fireDueTimers(cols, new Date())]);
    await fire();
    await fire();

    // then the late ticket has one breach (its 80% point passed with the due time: no warning)
    expect((await slaHistory(late)).map((h) => h.type)).toEqual(["SlaBreached"]);
    expect((await slaHistory(atRisk)).map((h) => h.type)).toEqual(["SlaWarning"]);
    const sla = (await detailSla(late))!;
    expect(sla.targets.firstResponse).toMatchObject({ state: "breached" });
    expect((await detailSla(atRisk))!.targets.firstResponse).toMatchObject({
      state: "running",
      atRisk: true,
    });
    const read = await getTicket(late);
    expect(read.state === "current" && read.ticket.history.at(-1)!.type).toBe("SlaBreached");

    const feed = await readFeed(cols.db, {
      after: 0,
      limit: 500,
      types: new Set(["sla.breached", "sla.warning"] as const),
    });
    expect(feed.items.map((e) => [e.type, e.ticketId])).toEqual([
      ["sla.breached", late],
      ["sla.warning", atRisk],
    ]);
    expect(feed.items[0]!.data).toMatchObject({ target: "firstResponse", policyVersion: 1 });

    // and the list filters and orders by it
    expect((await list({ sla: "breached" })).items.map((i) => i.ticketId)).toEqual([late]);
    expect((await list({ sla: "at_risk" })).items.map((i) => i.ticketId)).toEqual([atRisk]);
    expect(await drift()).toEqual([]);
  });

  it("given the policy changes, when the recompute runs, then open tickets get the new clocks and old closed ones keep theirs", async () => {
    await givenPolicy(policy({ firstResponseMinutes: 30 }));
    const open = await ticketFrom(10);
    const oldClosed = await ticketFrom(60 * 24 * 40);
    await changeStatus(
      oldClosed,
      { status: "closed" },
      as("Aisha", new Date(Date.now() - 35 * 86_400_000)),
    );
    await drainProjectionQueue();

    const v2 = await givenPolicy(policy({ firstResponseMinutes: 60 }));
    expect(v2.version).toBe(2);

    const sla = (await detailSla(open))!;
    expect(sla.policyVersion).toBe(2);
    const first = sla.targets.firstResponse!;
    expect(Date.parse(first.dueAt!) - Date.parse(first.startedAt)).toBe(60 * MINUTE);
    expect((await detailSla(oldClosed))!.policyVersion).toBe(1);
    expect(await slaRecomputeProgress(await getCollections())).toMatchObject({
      policyVersion: 2,
      done: 2,
      total: 2,
    });
    expect(await drift()).toEqual([]);
  });

  it("given tickets due at different times, when sorted by due soonest, then overdue first and those without a clock last, page by page", async () => {
    await givenPolicy(policy({ firstResponseMinutes: 30 }, { firstResponseMinutes: 240 }));
    const normal = await ticketFrom(5, "normal");
    const soon = await ticketFrom(20);
    const none = await ticketFrom(1, "low");
    const overdue = await ticketFrom(45);
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await list({ sort: "sla_due", limit: "1", ...(cursor && { cursor }) });
      ids.push(...page.items.map((t) => t.ticketId));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(ids).toEqual([overdue, soon, normal, none]);
  });

  it("given dashboards read at once, when the SLA figures are counted, then they share one count", async () => {
    await givenPolicy(policy({ firstResponseMinutes: 30 }));
    await ticketFrom(40);
    await fire();
    const cols = await getCollections();
    const [a, b] = await Promise.all([
      getSlaDashboard(cols, new Date()),
      getSlaDashboard(cols, new Date()),
    ]);
    expect(a).toBe(b);
    expect(a.targets.firstResponse).toMatchObject({ met: 0, breached: 1, percentMet: 0 });
    // and a later read counts again
    expect(await getSlaDashboard(cols, new Date())).not.toBe(a);
  });

  it("given a priority change, when projected, then the clock follows the new priority's target", async () => {
    await givenPolicy(policy({ firstResponseMinutes: 30 }, { firstResponseMinutes: 240 }));
    const ticketId = await ticketFrom(5, "normal");
    await setPriority(ticketId, { priority: "urgent" }, as("Aisha"));
    await drainProjectionQueue();
    const first = (await detailSla(ticketId))!.targets.firstResponse!;
    expect(Date.parse(first.dueAt!) - Date.parse(first.startedAt)).toBe(30 * MINUTE);
  });

  it("given a clock document changed behind the projector's back, when verified, then drift is reported", async () => {
    await givenPolicy(policy({ firstResponseMinutes: 30 }));
    const ticketId = await ticketFrom(5);
    const { clocks } = slaCollections(await getCollections());
    await clocks.updateOne({ _id: ticketId }, { $set: { "clocks.0.minutes": 31 } });
    expect((await drift()).map((d) => [d.readModel, d.kind, d.ticketId])).toEqual([
      ["sla_clocks", "wrong", ticketId],
    ]);
  });
});
