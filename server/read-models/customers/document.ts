import type { Status } from "@/server/tickets/domain/types";
import type { TicketDocument } from "@/server/tickets/write-model";
import { wordsOf } from "@/server/text/words";

/**
 * One ticket as its customer's figures see it. `_id` is `<email> <ticket id>`, so a customer's
 * tickets are one `_id` range (the only kind of read the embedded database serves from an
 * index). Written with the version guard: it never moves back to an older ticket version.
 */
export interface CustomerTicketDocument {
  _id: string;
  email: string;
  name: string | null;
  status: Status;
  createdAt: Date;
  /** The ticket's last public message, either way (its creation when there was none after it). */
  lastContactAt: Date;
  version: number;
  projectedAt: Date;
}

/**
 * A customer as `GET /api/customers` lists them, summed from their ticket documents. A ticket's
 * customer is set once and never changes, so a customer's tickets only grow in number and in
 * version: `version`, the sum of their versions, grows with every change and orders any two
 * summaries (docs/architecture.md, "Customers").
 */
export interface CustomerDocument {
  /** The email, lower-cased. */
  _id: string;
  name: string | null;
  ticketCounts: Record<Status, number>;
  firstContactAt: Date;
  lastContactAt: Date;
  /** What `q` matches by prefix: the email and each word of the name, folded. */
  tokens: string[];
  /** The summary version at which `tokens` were last written: the version of the live keys. */
  keysVersion: number;
  version: number;
  projectedAt: Date;
}

/** A search key: `<token> <email> <keys version>`; `_id` only. */
export interface CustomerKeyDocument {
  _id: string;
}

/** Emails and folded words hold no space, so a space separates a key's parts and sorts first. */
const SEP = " ";

const customerKey = (email: string) => email.trim().toLowerCase();

export const customerTicketId = (email: string, ticketId: string) =>
  `${customerKey(email)}${SEP}${ticketId}`;

/** The ticket id of a customer ticket document. */
export const parseCustomerTicketId = (id: string) => id.slice(id.lastIndexOf(SEP) + 1);

/** The `_id` range of one customer's ticket documents. */
export const customerTicketRange = (email: string) => ({
  $gt: `${email}${SEP}`,
  $lt: `${email}${SEP}\uffff`,
});

export const customerKeyId = (token: string, email: string, version: number) =>
  [token, email, version].join(SEP);

export function parseCustomerKey(id: string) {
  const [token = "", email = "", version = "0"] = id.split(SEP);
  return { token, email, version: Number(version) };
}

/** A ticket's document for its customer; null for a ticket without one. */
export function toCustomerTicketDocument(
  ticket: TicketDocument,
  projectedAt: Date,
): CustomerTicketDocument | null {
  if (!ticket.customer) return null;
  const email = customerKey(ticket.customer.email);
  return {
    _id: customerTicketId(email, ticket._id.toHexString()),
    email,
    name: ticket.customer.name ?? null,
    status: ticket.status,
    createdAt: ticket.createdAt,
    lastContactAt: ticket.lastMessageAt ?? ticket.createdAt,
    version: ticket.version,
    projectedAt,
  };
}

/** Lower-cased, accents stripped: how tokens and the words of q are compared. */
export const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * What q finds a customer by, each by prefix: the email, each word of the name, and each of its
 * space-separated parts as written (so "o'bri" finds O'Brien and "jean-l" Jean-Luc).
 */
const tokensOf = (email: string, name: string | null) => [
  ...new Set([
    email,
    ...wordsOf(name ?? ""),
    ...fold(name ?? "")
      .split(/\s+/u)
      .filter((part) => part.length > 0 && part.length <= 64),
  ]),
];

/** The summary of one customer's tickets (at least one), except the keys' version. */
export function summarize(
  email: string,
  tickets: readonly Pick<
    CustomerTicketDocument,
    "_id" | "name" | "status" | "createdAt" | "lastContactAt" | "version"
  >[],
  projectedAt: Date,
): Omit<CustomerDocument, "keysVersion"> {
  const ticketCounts: Record<Status, number> = { open: 0, triaged: 0, closed: 0 };
  let version = 0;
  let firstContactAt: Date | null = null;
  let lastContactAt: Date | null = null;
  // The newest ticket that names the customer gives the name.
  let named: { createdAt: Date; _id: string; name: string } | null = null;
  for (const t of tickets) {
    ticketCounts[t.status] += 1;
    version += t.version;
    if (!firstContactAt || t.createdAt < firstContactAt) firstContactAt = t.createdAt;
    if (!lastContactAt || t.lastContactAt > lastContactAt) lastContactAt = t.lastContactAt;
    if (t.name && (!named || newer(t, named))) named = { ...t, name: t.name };
  }
  if (!firstContactAt || !lastContactAt) throw new Error(`customer ${email} has no tickets`);
  const name = named?.name ?? null;
  return {
    _id: email,
    name,
    ticketCounts,
    firstContactAt,
    lastContactAt,
    tokens: tokensOf(email, name),
    version,
    projectedAt,
  };
}

const newer = (a: { createdAt: Date; _id: string }, b: { createdAt: Date; _id: string }) =>
  a.createdAt.getTime() - b.createdAt.getTime() > 0 ||
  (a.createdAt.getTime() === b.createdAt.getTime() && a._id > b._id);
