import type { Db } from "mongodb";
import type { ReadTarget } from "@/server/db/generations";
import { collections } from "@/server/db/collections";
import { guardedBulk, insertMissing } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { computeClocks, type SlaFacts } from "@/server/sla/clocks";
import { factsFromHistory, factsFromMessages } from "@/server/sla/facts";
import { currentSlaPolicy } from "@/server/sla/policy";
import type { SlaPolicy } from "@/server/sla/policy-schema";
import { messageDocumentId, type TicketDocument } from "@/server/tickets/write-model";
import {
  slaCollections,
  stampOf,
  type SlaClockDocument,
} from "@/server/read-models/sla/collections";
import { toSlaClockDocument } from "@/server/read-models/sla/document";

/** A ticket's facts: from its history, or from its messages when the history was trimmed. */
export async function factsOf(db: Db, ticket: TicketDocument): Promise<SlaFacts> {
  const fromHistory = factsFromHistory(ticket);
  if (fromHistory) return fromHistory;
  const ticketId = ticket._id.toHexString();
  const byId = new Map<string, { kind: "customer" | "reply" | "note"; at: Date }>();
  for (const chunk of chunks(ticket.messageIds.map((id) => messageDocumentId(ticketId, id)))) {
    for await (const m of collections(db).messages.find(
      { _id: { $in: chunk } },
      { projection: { kind: 1, at: 1 } },
    ))
      byId.set(m._id, { kind: m.kind, at: m.at });
  }
  const entries = ticket.messageIds.flatMap((id) => {
    const entry = byId.get(messageDocumentId(ticketId, id));
    return entry ? [entry] : [];
  });
  return factsFromMessages(ticket, entries);
}

async function storedClocks(target: ReadTarget, ids: string[]) {
  const { clocks } = slaCollections(target);
  const stored = new Map<string, SlaClockDocument>();
  for (const chunk of chunks(ids)) {
    for await (const doc of clocks.find({ _id: { $in: chunk } })) stored.set(doc._id, doc);
  }
  return stored;
}

/**
 * Brings these tickets' clocks up to their versions, under `policy` (a recompute) or the policy
 * in force, read again after the write: if a lead saved a new version meanwhile, the recompute
 * (which starts after the save) may already have passed these tickets, so they are computed
 * once more with it. Steps, each safe to repeat after a crash:
 *  1. insert the new due keys and timers (nothing points at them yet: readers and the timer
 *     loop check them against the clocks document),
 *  2. write the clocks documents with the version guard (policy version first, then ticket),
 *  3. delete the keys and timers of the copies they replaced.
 * A copy under an older policy never replaces one under a newer policy (the guard's order).
 */
export async function projectSlaClocks(
  target: ReadTarget,
  tickets: TicketDocument[],
  now: Date,
  policy?: SlaPolicy,
): Promise<void> {
  if (policy) return writeClocks(target, tickets, now, policy);
  let used = await currentSlaPolicy(target.db);
  for (let round = 0; round < 5; round++) {
    await writeClocks(target, tickets, now, used);
    // A policy saved meanwhile: the recompute may have passed these tickets already.
    const after = await currentSlaPolicy(target.db);
    if (after.version === used.version) return;
    used = after;
  }
}

async function writeClocks(
  target: ReadTarget,
  tickets: TicketDocument[],
  now: Date,
  policy: SlaPolicy,
) {
  const { clocks, dueKeys, timers } = slaCollections(target);
  const stored = await storedClocks(
    target,
    tickets.map((t) => t._id.toHexString()),
  );
  // Read when needed, not on import: the registry is imported before a test sets the
  // environment (and env is parsed once, when first imported).
  const { env } = await import("@/server/env");
  const docs: SlaClockDocument[] = [];
  for (const ticket of tickets) {
    const old = stored.get(ticket._id.toHexString());
    if (old && old.version >= stampOf(policy.version, ticket.version)) continue;
    const facts = await factsOf(target.db, ticket);
    const computed = computeClocks(facts, policy, { minuteMs: env.SLA_MINUTE_MS });
    docs.push(toSlaClockDocument(ticket, computed, now));
  }
  if (docs.length === 0) return;

  await insertMissing(
    dueKeys,
    docs.map((d) => ({ _id: d.dueKey })),
  );
  await insertMissing(
    timers,
    docs.flatMap((d) => d.timers.map((_id) => ({ _id }))),
  );
  await guardedBulk(clocks, docs);

  const oldKeys: string[] = [];
  const oldTimers: string[] = [];
  for (const doc of docs) {
    const old = stored.get(doc._id);
    if (!old) continue;
    if (old.dueKey !== doc.dueKey) oldKeys.push(old.dueKey);
    oldTimers.push(...old.timers.filter((t) => !doc.timers.includes(t)));
  }
  for (const chunk of chunks(oldKeys)) await dueKeys.deleteMany({ _id: { $in: chunk } });
  for (const chunk of chunks(oldTimers)) await timers.deleteMany({ _id: { $in: chunk } });
}
