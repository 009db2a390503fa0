import { collections } from "@/server/db/collections";
import type { ReadTarget } from "@/server/db/generations";
import { fingerprint } from "@/server/projections/fingerprint";
import type { Drift, ReadModel, Verifier } from "@/server/read-models/read-model";
import { CUSTOMERS_INDEXES, customerCollections } from "@/server/read-models/customers/collections";
import {
  customerKeyId,
  customerTicketId,
  parseCustomerTicketId,
  parseCustomerKey,
  summarize,
  toCustomerTicketDocument,
  type CustomerTicketDocument,
} from "@/server/read-models/customers/document";
import { projectCustomers } from "@/server/read-models/customers/project";

const NAME = "customers";
const BATCH_SIZE = 1_000;

/** A summary as compared: what `GET /api/customers` shows, and the version it was summed at. */
const comparable = (doc: object) =>
  fingerprint(Object.fromEntries(Object.entries(doc).filter(([field]) => field !== "keysVersion")));

/**
 * Each ticket's document for its customer (one per ticket with a customer), each customer's
 * summary recomputed from the write model, and each summary's search keys. Keys of another
 * version than the live one are what a lost race leaves: readers skip and remove them, so they
 * are not drift.
 */
async function customersVerifier(target: ReadTarget): Promise<Verifier> {
  const cols = customerCollections(target);
  const storedTickets = new Map<string, { version: number; print: string }>();
  for await (const doc of cols.tickets.find({}, { batchSize: BATCH_SIZE }))
    storedTickets.set(doc._id, { version: doc.version, print: fingerprint(doc) });
  const storedCustomers = new Map<string, { version: number; print: string; keys: string[] }>();
  for await (const doc of cols.customers.find({}, { batchSize: BATCH_SIZE })) {
    storedCustomers.set(doc._id, {
      version: doc.version,
      print: comparable(doc),
      keys: doc.tokens.map((t) => customerKeyId(t, doc._id, doc.keysVersion)),
    });
  }
  const keys = new Set<string>();
  for await (const doc of cols.keys.find({}, { batchSize: BATCH_SIZE })) keys.add(doc._id);

  const perCustomer = new Map<string, CustomerTicketDocument[]>();
  const drift: Drift[] = [];
  const projectedAt = new Date(0);
  return {
    check(ticket) {
      const expected = toCustomerTicketDocument(ticket, projectedAt);
      if (!expected) return Promise.resolve();
      const ticketId = ticket._id.toHexString();
      const mine = perCustomer.get(expected.email) ?? [];
      mine.push(expected);
      perCustomer.set(expected.email, mine);
      const found = storedTickets.get(expected._id);
      storedTickets.delete(expected._id);
      if (found?.version === expected.version && found.print === fingerprint(expected))
        return Promise.resolve();
      drift.push({
        readModel: NAME,
        ticketId,
        ...(!found
          ? { kind: "missing", detail: `no customer ticket document for ${expected.email}` }
          : found.version < expected.version
            ? { kind: "stale", detail: `at version ${found.version} of ${expected.version}` }
            : { kind: "wrong", detail: `differs from version ${expected.version}` }),
      });
      return Promise.resolve();
    },
    finish() {
      for (const id of storedTickets.keys())
        drift.push({
          readModel: NAME,
          kind: "extra",
          detail: `customer ticket document ${id} of no ticket with that customer`,
        });
      for (const [email, tickets] of perCustomer) {
        const expected = summarize(email, tickets, projectedAt);
        const found = storedCustomers.get(email);
        storedCustomers.delete(email);
        if (!found) {
          drift.push({ readModel: NAME, kind: "missing", detail: `no customer ${email}` });
          continue;
        }
        if (found.version !== expected.version || found.print !== comparable(expected)) {
          drift.push({
            readModel: NAME,
            kind: found.version < expected.version ? "stale" : "wrong",
            detail: `customer ${email} at version ${found.version}; its tickets sum to ${expected.version}`,
          });
          continue;
        }
        const absent = found.keys.filter((k) => !keys.has(k));
        if (absent.length > 0)
          drift.push({
            readModel: NAME,
            kind: "missing",
            detail: `customer ${email} has no search key ${absent.map((k) => parseCustomerKey(k).token).join(", ")}`,
          });
      }
      for (const email of storedCustomers.keys())
        drift.push({ readModel: NAME, kind: "extra", detail: `customer ${email} has no tickets` });
      return Promise.resolve(drift);
    },
  };
}

/**
 * Customers: one document per ticket with a customer, one summary per customer (counts, first
 * and last contact, name) and the keys `q` finds them by (docs/architecture.md, "Customers").
 */
export const customersReadModel: ReadModel = {
  name: NAME,
  collections: CUSTOMERS_INDEXES,
  project: (target, ticket, now) => projectCustomers(target, [ticket], now),
  projectMany: (target, tickets, now) => projectCustomers(target, tickets, now),
  async versionsOf(target, ids) {
    // A ticket without a customer has nothing to hold: it counts as up to date.
    const versions = new Map<string, number>();
    const docIds: string[] = [];
    for await (const t of collections(target.db).tickets.find(
      { _id: { $in: ids } },
      { projection: { version: 1, "customer.email": 1 } },
    )) {
      if (t.customer) docIds.push(customerTicketId(t.customer.email, t._id.toHexString()));
      else versions.set(t._id.toHexString(), t.version);
    }
    for await (const doc of customerCollections(target).tickets.find(
      { _id: { $in: docIds } },
      { projection: { version: 1 } },
    ))
      versions.set(parseCustomerTicketId(doc._id), doc.version);
    return versions;
  },
  verifier: customersVerifier,
};
