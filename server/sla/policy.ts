import "server-only";
import type { Db } from "mongodb";
import { COLLECTIONS } from "@/server/db/collections";
import { isDuplicateKey } from "@/server/db/errors";
import { businessCalendarSchema } from "@/server/sla/calendar";
import {
  DEFAULT_SLA_POLICY,
  type SlaPolicy,
  type SlaPolicyInput,
} from "@/server/sla/policy-schema";
import type { Actor } from "@/server/tickets/domain/types";

// The database is passed in, never imported: the read models' registry imports this module,
// and nothing it imports may read the environment before a process (or a test) has set it.

/**
 * One saved version of the policy. Versions are only ever inserted, `_id` being the version as
 * nine digits: the unique `_id` orders them (the newest is one `_id` range read, which the
 * embedded database answers from its index) and makes two leads saving at once take two
 * versions instead of one overwriting the other. Every version is kept: clocks name the version
 * they were computed with, and `projections:verify` recomputes them with it.
 */
interface SlaPolicyDocument extends Omit<SlaPolicyInput, "calendar"> {
  _id: string;
  version: number;
  /**
   * The calendar as JSON text. Its working hours are arrays of `[start, end]` pairs, and the
   * embedded database (FerretDB 1.24) refuses nested arrays ("nested arrays are not
   * supported"); the calendar is only ever read whole, so text loses nothing.
   */
  calendarJson: string;
  updatedAt: Date;
  updatedBy: Actor;
}

const idOf = (version: number) => String(version).padStart(9, "0");

const policies = (db: Db) => db.collection<SlaPolicyDocument>(COLLECTIONS.slaPolicies);

const toPolicy = (doc: SlaPolicyDocument): SlaPolicy => ({
  version: doc.version,
  updatedAt: doc.updatedAt,
  updatedBy: doc.updatedBy,
  calendar: businessCalendarSchema.parse(JSON.parse(doc.calendarJson)),
  targets: doc.targets,
});

/** The policy in force: the newest version, or the default (version 0, no targets). */
export async function currentSlaPolicy(db: Db): Promise<SlaPolicy> {
  const [doc] = await policies(db)
    .find({ _id: { $gte: idOf(0), $lte: idOf(999_999_999) } })
    .sort({ _id: -1 })
    .limit(1)
    .toArray();
  return doc ? toPolicy(doc) : DEFAULT_SLA_POLICY;
}

/** One version of the policy (0: the default), or null if there is no such version. */
export async function slaPolicyVersion(db: Db, version: number): Promise<SlaPolicy | null> {
  if (version === 0) return DEFAULT_SLA_POLICY;
  const doc = await policies(db).findOne({ _id: idOf(version) });
  return doc ? toPolicy(doc) : null;
}

/** Every saved version, newest first (at most `limit`). */
export async function slaPolicyHistory(db: Db, limit = 50): Promise<SlaPolicy[]> {
  const docs = await policies(db)
    .find({ _id: { $gte: idOf(0), $lte: idOf(999_999_999) } })
    .sort({ _id: -1 })
    .limit(limit)
    .toArray();
  return docs.map(toPolicy);
}

/**
 * Saves a new version of the whole policy. The projector notices it and recomputes the clocks
 * in the background (server/read-models/sla/recompute.ts). Two saves at once both land, as two
 * versions, in the order their inserts did.
 */
export async function saveSlaPolicy(
  db: Db,
  input: SlaPolicyInput,
  actor: Actor,
  now: Date,
): Promise<SlaPolicy> {
  const database = db;
  for (let attempt = 0; attempt < 20; attempt++) {
    const version = (await currentSlaPolicy(database)).version + 1;
    const doc: SlaPolicyDocument = {
      _id: idOf(version),
      version,
      calendarJson: JSON.stringify(input.calendar),
      targets: input.targets,
      updatedAt: now,
      updatedBy: { id: actor.id, name: actor.name },
    };
    try {
      await policies(database).insertOne(doc);
      return toPolicy(doc);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw new Error("the SLA policy is being saved by too many people at once; try again");
}
