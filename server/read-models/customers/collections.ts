import type { IndexDescription } from "mongodb";
import { readCollection, type ReadTarget } from "@/server/db/generations";
import type {
  CustomerDocument,
  CustomerKeyDocument,
  CustomerTicketDocument,
} from "@/server/read-models/customers/document";

const TICKETS = "customer_tickets";
const CUSTOMERS = "customers";
const KEYS = "customer_keys";

/** All three are read and written by `_id` (exact or one range) only. */
export const CUSTOMERS_INDEXES: Record<string, IndexDescription[]> = {
  [TICKETS]: [],
  [CUSTOMERS]: [],
  [KEYS]: [],
};

export const customerCollections = (target: ReadTarget) => ({
  tickets: readCollection<CustomerTicketDocument>(target, TICKETS),
  customers: readCollection<CustomerDocument>(target, CUSTOMERS),
  keys: readCollection<CustomerKeyDocument>(target, KEYS),
});

export type CustomerCollections = ReturnType<typeof customerCollections>;
