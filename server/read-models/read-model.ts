import type { IndexDescription, ObjectId } from "mongodb";
import type { ReadTarget } from "@/server/db/generations";
import type { TicketDocument } from "@/server/tickets/write-model";

/** Where a read model disagrees with what the write model projects (npm run projections:verify). */
export interface Drift {
  readModel: string;
  kind: "missing" | "stale" | "wrong" | "extra" | "count";
  ticketId?: string;
  detail: string;
}

/** One read model's side of a verification: fed every ticket once, then asked what differs. */
export interface Verifier {
  check(ticket: TicketDocument): Promise<void>;
  finish(): Promise<Drift[]>;
}

/**
 * What the projector machinery (projector, catch-up, rebuild, verify, index creation) knows of a
 * read model. Every read model is a folder under server/read-models/ with one of these, listed in
 * registry.ts. All writes must be idempotent and never move a document back to an older version:
 * delivery is at-least-once, out of order, and from several processes at once.
 */
export interface ReadModel {
  /** As in verify reports. */
  readonly name: string;
  /** Its collections by base name (generation 0), each with the indexes it needs. */
  readonly collections: Readonly<Record<string, IndexDescription[]>>;
  /**
   * Projected only once every other read model has the ticket's version (the event feed: a
   * consumer told of a change must find it in the read models).
   */
  readonly projectsLast?: boolean;
  /** Brings the read model up to this ticket's version. */
  project(target: ReadTarget, ticket: TicketDocument, now: Date): Promise<void>;
  /** The same for many tickets at once (rebuild, catch-up): fewer, larger writes. */
  projectMany(target: ReadTarget, tickets: TicketDocument[], now: Date): Promise<void>;
  /**
   * For a read model with one document per ticket: the version it holds for each of these
   * tickets (absent: none), so a rebuild can re-project those written while it ran.
   */
  versionsOf?(target: ReadTarget, ids: ObjectId[]): Promise<Map<string, number>>;
  /** Finishes work that projections leave for later (the dashboard's aggregation). */
  settle?(target: ReadTarget): Promise<void>;
  /** Whether `settle` has work left: verification waits until it has none. */
  unsettled?(target: ReadTarget): Promise<boolean>;
  /** Periodic upkeep, run by the projector's sweep (the dashboard's view moving to a new day). */
  maintain?(target: ReadTarget, now: Date): Promise<void>;
  /** Starts a verification: reads what the read model holds now, before any ticket is fed. */
  verifier(target: ReadTarget): Promise<Verifier>;
}
