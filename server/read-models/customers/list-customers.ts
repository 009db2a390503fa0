import "server-only";
import { z } from "zod";
import { getCollections } from "@/server/db/client";
import { customerCollections } from "@/server/read-models/customers/collections";
import {
  fold,
  parseCustomerKey,
  type CustomerDocument,
} from "@/server/read-models/customers/document";
import type { CustomerSummary } from "@/server/read-models/api-fields";
import type { CustomerPage, ListCustomersQuery } from "@/server/read-models/customers/schema";
import { ValidationError } from "@/server/tickets/domain/errors";

/** Keys read per round at most, as the list reads its facets: doubling from a page's worth. */
const MAX_ROUND = 1_000;

/** After a customer (no q: by email) or after a search key (q: by the key's order). */
const cursorSchema = z.union([
  z.strictObject({ e: z.string().min(1).max(300) }),
  z.strictObject({ k: z.string().min(1).max(600) }),
]);
type Cursor = z.infer<typeof cursorSchema>;

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

function decodeCursor(raw: string, searching: boolean): Cursor {
  try {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if ("k" in cursor === searching) return cursor;
  } catch {
    // answered below
  }
  throw new ValidationError("The cursor is not valid.", {
    cursor: ["cursor is not valid: pass the nextCursor of a previous page with the same q."],
  });
}

/** The words of q, each to begin one of a customer's tokens. */
const termsOf = (q: string) => fold(q).split(/\s+/u).filter(Boolean);

const toSummary = (doc: CustomerDocument): CustomerSummary => ({
  email: doc._id,
  name: doc.name,
  ticketCounts: doc.ticketCounts,
  firstContactAt: doc.firstContactAt.toISOString(),
  lastContactAt: doc.lastContactAt.toISOString(),
});

/** One customer's summary by email (any case); null when no ticket has this customer. */
export async function getCustomerSummary(email: string): Promise<CustomerSummary | null> {
  const cols = customerCollections(await getCollections());
  const doc = await cols.customers.findOne({ _id: email.trim().toLowerCase() });
  return doc ? toSummary(doc) : null;
}

/**
 * One page of customers, by email; with `q`, those whose email or a word of whose name begins
 * with each word of q, in the order of the key they were found by. Reads the customers read
 * model only: `customers` by `_id` range, or `customer_keys` by `_id` range then the customers
 * they name by `_id`.
 */
export async function listCustomers(query: ListCustomersQuery): Promise<CustomerPage> {
  const cols = customerCollections(await getCollections());
  const terms = termsOf(query.q ?? "");
  const want = query.limit + 1;

  if (terms.length === 0) {
    const cursor = query.cursor ? decodeCursor(query.cursor, false) : null;
    const docs = await cols.customers
      .find(cursor && "e" in cursor ? { _id: { $gt: cursor.e } } : {})
      .sort({ _id: 1 })
      .limit(want)
      .toArray();
    const page = docs.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      nextCursor: docs.length > query.limit && last ? encodeCursor({ e: last._id }) : null,
    };
  }

  const cursor = query.cursor ? decodeCursor(query.cursor, true) : null;
  // The longest word drives (a cheap guess at the most selective): its key range is read, the
  // others are checked on the customers found.
  const driving = terms.reduce((a, b) => (b.length > a.length ? b : a));
  let after = cursor && "k" in cursor ? cursor.k : null;
  const found: { key: string; customer: CustomerDocument }[] = [];
  const dead: string[] = [];
  for (let round = want; found.length < want; round = Math.min(round * 2, MAX_ROUND)) {
    const keys = await cols.keys
      .find({ _id: { ...(after ? { $gt: after } : { $gte: driving }), $lt: `${driving}\uffff` } })
      .sort({ _id: 1 })
      .limit(round)
      .toArray();
    if (keys.length === 0) break;
    after = keys.at(-1)!._id;
    const parsed = keys.map((k) => ({ id: k._id, ...parseCustomerKey(k._id) }));
    const customers = new Map(
      (
        await cols.customers
          .find({ _id: { $in: [...new Set(parsed.map((k) => k.email))] } })
          .toArray()
      ).map((c) => [c._id, c]),
    );
    for (const key of parsed) {
      const customer = customers.get(key.email);
      // No summary yet: a first projection between its keys and its summary. Leave it be.
      if (!customer) continue;
      // Keys older than the live ones can never be live again (customers/project.ts).
      if (key.version < customer.keysVersion) dead.push(key.id);
      if (key.version !== customer.keysVersion) continue;
      // A customer is listed once: at the first of their tokens the driving prefix begins.
      const first = customer.tokens.filter((t) => t.startsWith(driving)).sort()[0];
      if (key.token !== first) continue;
      if (!terms.every((term) => customer.tokens.some((t) => t.startsWith(term)))) continue;
      found.push({ key: key.id, customer });
      if (found.length === want) break;
    }
    if (keys.length < round) break;
  }
  if (dead.length > 0) void cols.keys.deleteMany({ _id: { $in: dead } }).catch(() => undefined);

  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((f) => toSummary(f.customer)),
    nextCursor: found.length > query.limit && last ? encodeCursor({ k: last.key }) : null,
  };
}
