import { randomUUID } from "node:crypto";
import { ObjectId } from "mongodb";
import { collections } from "@/server/db/collections";
import type { ReadTarget } from "@/server/db/generations";
import { isDuplicateKey } from "@/server/db/errors";
import { currentSlaPolicy } from "@/server/sla/policy";
import { slaCollections, type SlaProgressDocument } from "@/server/read-models/sla/collections";
import { projectSlaClocks } from "@/server/read-models/sla/project";

const DAY = 86_400_000;
const LEASE_MS = 30_000;
const BATCH = 200;

/** Recomputed after a policy change: tickets not closed, and those closed in the last 30 days. */
export const inRecomputeScope = (ticket: { status: string; closedAt: Date | null }, now: Date) =>
  ticket.status !== "closed" ||
  (ticket.closedAt !== null && now.getTime() - ticket.closedAt.getTime() <= 30 * DAY);

/**
 * Recomputes the clocks of every ticket in scope with the policy in force, in `_id` order,
 * `BATCH` at a time, while the desk keeps working. The job is one document: started when the
 * policy is newer than the job's (a compare-and-set on the job's version, so two projectors
 * start it once), run by whoever holds its lease, its cursor saved after each batch, so a
 * projector that dies leaves the job for another to resume after the lease. Projections of
 * tickets meanwhile use the new policy already; the version guard keeps whichever copy is
 * newer (projectSlaClocks), so the job and the projector never undo each other.
 */
export async function recomputeClocks(
  target: ReadTarget,
  now: Date,
  { budgetMs }: { budgetMs: number },
): Promise<void> {
  const policy = await currentSlaPolicy(target.db);
  const { progress, clocks } = slaCollections(target);
  let job = await progress.findOne({ _id: "recompute" });
  if (policy.version === 0 && !job) return;
  if (!job || job.policyVersion < policy.version) {
    const fresh: SlaProgressDocument = {
      _id: "recompute",
      policyVersion: policy.version,
      cursor: "",
      done: 0,
      total: await clocks.countDocuments({}),
      startedAt: now,
      finishedAt: null,
      leaseUntil: new Date(0),
      owner: "",
    };
    if (!job) {
      await progress.insertOne(fresh).catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
    } else {
      const { _id, ...fields } = fresh;
      await progress.updateOne({ _id, policyVersion: job.policyVersion }, { $set: fields });
    }
    job = await progress.findOne({ _id: "recompute" });
  }
  if (!job || job.finishedAt || job.policyVersion !== policy.version) return;

  const owner = randomUUID();
  const claimed = await progress.findOneAndUpdate(
    { _id: "recompute", policyVersion: policy.version, leaseUntil: { $lte: now } },
    { $set: { owner, leaseUntil: new Date(Date.now() + LEASE_MS) } },
    { returnDocument: "after" },
  );
  if (!claimed) return;
  const { tickets } = collections(target.db);
  let { cursor, done } = claimed;
  const stopAt = Date.now() + budgetMs;
  while (Date.now() < stopAt) {
    const batch = await clocks
      .find(
        { _id: { $gt: cursor, $lt: "~" } },
        { projection: { status: 1, closedAt: 1, policyVersion: 1 } },
      )
      .sort({ _id: 1 })
      .limit(BATCH)
      .toArray();
    if (batch.length === 0) {
      await progress.updateOne(
        { _id: "recompute", owner },
        { $set: { finishedAt: new Date(), leaseUntil: new Date(0), done } },
      );
      return;
    }
    const owed = batch.filter((d) => d.policyVersion < policy.version && inRecomputeScope(d, now));
    if (owed.length > 0) {
      const docs = await tickets
        .find({ _id: { $in: owed.map((d) => ObjectId.createFromHexString(d._id)) } })
        .toArray();
      await projectSlaClocks(target, docs, new Date(), policy);
    }
    cursor = batch.at(-1)!._id;
    done += batch.length;
    const saved = await progress.updateOne(
      { _id: "recompute", owner, policyVersion: policy.version },
      { $set: { cursor, done, leaseUntil: new Date(Date.now() + LEASE_MS) } },
    );
    if (saved.matchedCount === 0) return; // a newer policy restarted the job, or the lease was lost
  }
  // Out of time for now: let the lease go so the next tick (here or elsewhere) goes on at once.
  await progress.updateOne({ _id: "recompute", owner }, { $set: { leaseUntil: new Date(0) } });
}
