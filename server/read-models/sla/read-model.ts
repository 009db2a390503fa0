import type { Filter } from "mongodb";
import { fingerprint } from "@/server/projections/fingerprint";
import type { Drift, ReadModel, Verifier } from "@/server/read-models/read-model";
import type { ReadTarget } from "@/server/db/generations";
import { computeClocks } from "@/server/sla/clocks";
import { currentSlaPolicy, slaPolicyVersion } from "@/server/sla/policy";
import type { SlaPolicy } from "@/server/sla/policy-schema";
import type { TicketDocument } from "@/server/tickets/write-model";
import {
  SLA_INDEXES,
  parseTimerId,
  slaCollections,
  type SlaClockDocument,
} from "@/server/read-models/sla/collections";
import { toSlaClockDocument } from "@/server/read-models/sla/document";
import { factsOf, projectSlaClocks } from "@/server/read-models/sla/project";
import { inRecomputeScope, recomputeClocks } from "@/server/read-models/sla/recompute";

const NAME = "sla_clocks";

/**
 * The SLA clocks: one document per ticket, computed from its history and a policy version, plus
 * the "due soonest" keys and the timers of SLA events to record. The sweep's upkeep runs the
 * recompute after a policy change (recompute.ts).
 */
export const slaReadModel: ReadModel = {
  name: NAME,
  collections: SLA_INDEXES,
  project: (target, ticket, now) => projectSlaClocks(target, [ticket], now),
  projectMany: (target, tickets, now) => projectSlaClocks(target, tickets, now),
  async versionsOf(target, ids) {
    const versions = new Map<string, number>();
    const found = slaCollections(target).clocks.find(
      { _id: { $in: ids.map((id) => id.toHexString()) } },
      { projection: { ticketVersion: 1 } },
    );
    for await (const doc of found) versions.set(doc._id, doc.ticketVersion);
    return versions;
  },
  maintain: async (target, now) => {
    await recomputeClocks(target, now, { budgetMs: 30_000 });
  },
  verifier: (target) => slaVerifier(target),
};

interface Seen {
  print: string;
  ticketVersion: number;
  policyVersion: number;
  dueKey: string;
  timers: string[];
}

/**
 * Each ticket's clocks recomputed from the write model: with the policy in force, or with the
 * version the document names when the recompute has not reached it yet or leaves it out (a
 * ticket closed more than 30 days ago). Its due key and timers must exist; keys and timers no
 * document names are a replaced copy's leftovers, skipped by readers, and not drift.
 */
async function slaVerifier(target: ReadTarget): Promise<Verifier> {
  const { clocks, dueKeys, timers } = slaCollections(target);
  const stored = new Map<string, Seen>();
  for await (const doc of clocks.find({} as Filter<SlaClockDocument>, { batchSize: 1_000 })) {
    stored.set(doc._id, {
      print: fingerprint(doc),
      ticketVersion: doc.ticketVersion,
      policyVersion: doc.policyVersion,
      dueKey: doc.dueKey,
      timers: doc.timers,
    });
  }
  const keys = new Set<string>();
  for await (const k of dueKeys.find({})) keys.add(k._id);
  const due = new Set<string>();
  for await (const t of timers.find({})) due.add(t._id);
  const current = await currentSlaPolicy(target.db);
  const policies = new Map<number, SlaPolicy | null>([[current.version, current]]);
  const policy = async (version: number) => {
    if (!policies.has(version)) policies.set(version, await slaPolicyVersion(target.db, version));
    return policies.get(version) ?? null;
  };
  const { env } = await import("@/server/env");
  const drift: Drift[] = [];
  const report = (ticketId: string, kind: Drift["kind"], detail: string) =>
    drift.push({ readModel: NAME, kind, ticketId, detail });

  return {
    async check(ticket: TicketDocument) {
      const ticketId = ticket._id.toHexString();
      const found = stored.get(ticketId);
      stored.delete(ticketId);
      if (!found) return void report(ticketId, "missing", "no clocks document");
      if (found.ticketVersion < ticket.version)
        return void report(
          ticketId,
          "stale",
          `at ticket version ${found.ticketVersion} of ${ticket.version}`,
        );
      const older = found.policyVersion < current.version;
      if (older && inRecomputeScope(ticket, new Date()) && !(await recomputeRunning(target)))
        return void report(
          ticketId,
          "stale",
          `computed with policy ${found.policyVersion}, not ${current.version}`,
        );
      const used = await policy(found.policyVersion);
      if (!used)
        return void report(
          ticketId,
          "wrong",
          `names policy ${found.policyVersion}, which does not exist`,
        );
      const facts = await factsOf(target.db, ticket);
      const expected = toSlaClockDocument(
        ticket,
        computeClocks(facts, used, { minuteMs: env.SLA_MINUTE_MS }),
        new Date(0),
      );
      if (fingerprint(expected) !== found.print)
        return void report(ticketId, "wrong", "differs from the clocks its history gives");
      if (!keys.has(found.dueKey))
        report(ticketId, "missing", `due key ${found.dueKey} is missing`);
      // A timer whose time has come may have been fired (and deleted) already.
      const lost = found.timers.filter((t) => !due.has(t) && parseTimerId(t).fireAt > Date.now());
      if (lost.length > 0) report(ticketId, "missing", `timers missing: ${lost.join(", ")}`);
    },
    finish() {
      for (const ticketId of stored.keys()) report(ticketId, "extra", "no ticket with this id");
      return Promise.resolve(drift);
    },
  };
}

let running: { at: number; value: boolean } | undefined;
async function recomputeRunning(target: ReadTarget) {
  if (running && Date.now() - running.at < 1_000) return running.value;
  const progress = await slaCollections(target).progress.findOne({ _id: "recompute" });
  running = { at: Date.now(), value: progress !== null && progress.finishedAt === null };
  return running.value;
}
