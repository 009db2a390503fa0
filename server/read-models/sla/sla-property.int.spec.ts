import fc from "fast-check";
import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import { getCollections } from "@/server/db/client";
import { verifyProjections } from "@/server/projections/verify";
import { slaCollections } from "@/server/read-models/sla/collections";
import { recomputeClocks } from "@/server/read-models/sla/recompute";
import { computeClocks } from "@/server/sla/clocks";
import { factsFromHistory, factsFromMessages } from "@/server/sla/facts";
import { currentSlaPolicy, saveSlaPolicy } from "@/server/sla/policy";
import { slaPolicyInput } from "@/server/sla/policy-schema";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import { emptyDesk } from "@/server/testing/read-collections";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { receiveMessage } from "@/server/tickets/commands/receive-message";
import { sendReply } from "@/server/tickets/commands/send-reply";
import { setPriority } from "@/server/tickets/commands/set-priority";
import { PRIORITIES } from "@/server/tickets/domain/types";

const MINUTE = 60_000;
const LEAD = { id: "user:lead", name: "Lena Lead" };

const minutes = fc.option(fc.integer({ min: 1, max: 600 }), { nil: null });
const targets = fc.record({
  firstResponseMinutes: minutes,
  nextResponseMinutes: minutes,
  resolutionMinutes: minutes,
});
const calendar = fc.oneof(
  fc.constant({ alwaysOpen: true as const }),
  fc.record({
    timeZone: fc.constantFrom("Europe/Lisbon", "America/New_York", "Asia/Kolkata", "UTC"),
    hours: fc.constantFrom(
      {
        mon: [["09:00", "17:00"]],
        tue: [
          ["09:00", "12:00"],
          ["13:00", "17:30"],
        ],
        wed: [["08:00", "16:00"]],
      },
      {
        sun: [["22:00", "24:00"]],
        mon: [
          ["00:00", "06:00"],
          ["22:00", "24:00"],
        ],
        tue: [["00:00", "06:00"]],
      },
      { mon: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] },
    ),
    holidays: fc.constantFrom([], ["2026-11-10"], ["2026-11-09", "2026-11-12"]),
  }),
);
const policy = fc.record({
  calendar,
  targets: fc.record(Object.fromEntries(PRIORITIES.map((p) => [p, targets]))),
});

const step = fc.oneof(
  fc.record({ kind: fc.constant("reply" as const), gap: fc.integer({ min: 1, max: 900 }) }),
  fc.record({ kind: fc.constant("message" as const), gap: fc.integer({ min: 1, max: 900 }) }),
  fc.record({
    kind: fc.constant("priority" as const),
    gap: fc.integer({ min: 1, max: 300 }),
    to: fc.constantFrom(...PRIORITIES),
  }),
  fc.record({ kind: fc.constant("close" as const), gap: fc.integer({ min: 1, max: 900 }) }),
  fc.record({ kind: fc.constant("policy" as const), gap: fc.constant(0), policy }),
);

describe("SLA clocks, kept incrementally", () => {
  it("given random histories and policy changes, when each step is projected as it happens, then the clocks equal those recomputed from scratch", async () => {
    await fc.assert(
      fc.asyncProperty(
        policy,
        fc.constantFrom(...PRIORITIES),
        fc.array(step, { maxLength: 8 }),
        async (first, priority, steps) => {
          const cols = await getCollections();
          await emptyDesk(cols);
          await saveSlaPolicy(cols.db, slaPolicyInput.parse(first), LEAD, new Date());
          // Five days ago: closed tickets stay within the recompute's 30 days, whenever this runs.
          let at = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 5 * 86_400_000;
          const { ticketId } = await create(
            {
              subject: "Property",
              message: "Hello",
              priority,
              customer: { email: "p@example.test" },
            },
            as("Sam", new Date(at)),
          );
          await drainProjectionQueue();
          let closed = false;
          for (const s of steps) {
            at += s.gap * MINUTE;
            const when = as("Aisha", new Date(at));
            if (s.kind === "policy") {
              await saveSlaPolicy(cols.db, slaPolicyInput.parse(s.policy), LEAD, new Date());
              await recomputeClocks(cols, new Date(), { budgetMs: 5_000 });
            } else if (closed) {
              continue;
            } else if (s.kind === "reply") await sendReply(ticketId, { body: "Reply" }, when);
            else if (s.kind === "message")
              await receiveMessage(
                ticketId,
                { body: "More", customer: null },
                as("Sam", new Date(at)),
              );
            else if (s.kind === "priority") await setPriority(ticketId, { priority: s.to }, when);
            else {
              await changeStatus(ticketId, { status: "closed" }, when);
              closed = true;
            }
            await drainProjectionQueue();
          }

          // then verify (which recomputes every clock from the history) finds no drift
          const drift = (await verifyProjections(cols, { waitForQueueMs: 0 })).drift;
          expect(drift.filter((d) => d.readModel === "sla_clocks")).toEqual([]);
          // and the clocks are those of the policy in force, from the history or the messages alike
          const ticket = (await cols.tickets.findOne({ _id: new ObjectId(ticketId) }))!;
          const stored = await slaCollections(cols).clocks.findOne({ _id: ticketId });
          const current = await currentSlaPolicy(cols.db);
          const fromHistory = computeClocks(factsFromHistory(ticket)!, current, {
            minuteMs: MINUTE,
          });
          expect(stored!.policyVersion).toBe(current.version);
          expect(stored!.clocks).toEqual(fromHistory.clocks);
          const entries = await cols.messages
            .find({ _id: { $in: ticket.messageIds.map((id) => `${ticketId}:${id}`) } })
            .toArray();
          const order = new Map(ticket.messageIds.map((id, i) => [`${ticketId}:${id}`, i]));
          entries.sort((a, b) => order.get(a._id)! - order.get(b._id)!);
          expect(
            computeClocks(factsFromMessages(ticket, entries), current, { minuteMs: MINUTE }),
          ).toEqual(fromHistory);
        },
      ),
      { numRuns: 12 },
    );
  });
});
