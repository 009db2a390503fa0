// What the bench measures at each size: every operation on the app, and the same operation on
// the pre-CQRS and raw-driver baselines when there is one.
import type autocannon from "autocannon";
import { BSON, type Db, type Document } from "mongodb";
import { COLLECTIONS } from "../server/db/collections";
import { readModelName } from "../server/db/generations";
import { TICKET_LIST } from "../server/read-models/ticket-list/collections";
import type { Target } from "./measure";

export type Side = "app" | "pre" | "raw";

/**
 * A support message of a realistic length (about 900 characters). The tickets the bench creates
 * are the newest, so they top the list at the next size: they should weigh what real ones do.
 */
export const MESSAGE = [
  "Hello, since the update on Monday the printer on the third floor jams on every second page.",
  "We tried the usual: switched it off and on, removed the paper tray, cleaned the rollers with",
  "the kit from the cupboard and loaded a fresh ream of the recommended paper. The jam is always",
  "at the same place, just after the fuser, and the display then shows error 13.20.00. Printing",
  "single pages works, but anything longer than two pages fails, which blocks the monthly",
  "invoices that accounting has to send out by Friday. Three colleagues have the same problem",
  "from their laptops, so it does not seem to be the driver on one machine. Could someone come",
  "and look at it, or tell us whether the firmware update can be rolled back? We can give you",
  "access to the room any time between 8 and 17. Thanks a lot, Lena from accounting, ext. 4471.",
].join(" ");

export interface Operation {
  key: string;
  label: string;
  kind: "read" | "command";
  targets: Partial<Record<Side, Target>>;
  /** Clients at once, when not the run's `--connections` (one, for the conversation commands). */
  connections?: number;
  /** For list reads: the find both designs run, to weigh what each reads from the database. */
  listFilter?: { status?: string; assignee?: string; q?: string; cursor?: Cursor };
}

export interface Cursor {
  updatedAt: string;
  ticketId: string;
}

export interface Fixtures {
  appURL: string;
  baselineURL: string;
  token: string;
  assignee: string;
  q: string;
  /** Two words that occur together: every word of a `q` must match. */
  q2: string;
  /** A ticket with a long conversation (LONG_CONVERSATION messages of about 5 KB). */
  longId: string;
  /** The position after page 19 (item 475), for page 20; null when the desk is smaller. */
  page20: Cursor | null;
  /** Ticket ids to read (any status). */
  readIds: string[];
  /** The event feed's last visible position when the size is measured (0: none). */
  feedEnd: number;
  /** Open tickets the app's status and note commands use. */
  commandIds: string[];
  /** Tickets written by the raw baseline, for its status and note writes. */
  rawIds: string[];
  /** The raw baseline's own long conversation (its writes would not be the app's history). */
  raw: { longId: string | null };
}

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify({ u: Date.parse(c.updatedAt), i: c.ticketId })).toString("base64url");

function query(filter: Operation["listFilter"] = {}, cursor?: string) {
  const params = new URLSearchParams();
  if (filter.status) params.set("status", filter.status);
  if (filter.assignee) params.set("assignee", filter.assignee);
  if (filter.q) params.set("q", filter.q);
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Each connection works on its own ticket: status flips triaged ⇄ open, notes append. */
function perConnection(
  ids: string[],
  path: (id: string, ctx: Record<string, unknown>) => string,
  body: (ctx: Record<string, unknown>) => unknown,
) {
  let next = 0;
  return (request: autocannon.Request, context: Record<string, unknown>): autocannon.Request => {
    context.id ??= ids[next++ % ids.length];
    return {
      ...request,
      path: path(context.id as string, context),
      body: JSON.stringify(body(context)),
    };
  };
}

function randomOf(ids: string[], path: (id: string) => string) {
  return (request: autocannon.Request): autocannon.Request => ({
    ...request,
    path: path(ids[Math.floor(Math.random() * ids.length)]!),
  });
}

/** Each request on the next ticket of `ids`, whichever connection sends it. */
function rotating(ids: string[], path: (id: string) => string, body: unknown) {
  let next = 0;
  return (request: autocannon.Request): autocannon.Request => ({
    ...request,
    path: path(ids[next++ % ids.length]!),
    body: JSON.stringify(body),
  });
}

/** Events per page of the feed operation. */
export const FEED_PAGE = 500;

/** How long the bench's long conversation is, and how big each of its messages. */
export const LONG_CONVERSATION = { messages: 1_000, bytes: 5_000 };

const REPLY = {
  body: "Thanks for the details, we have reproduced it and a fix is on its way. Best regards, the bench",
};

const flip = (ctx: Record<string, unknown>) => {
  ctx.triaged = !ctx.triaged;
  return { status: ctx.triaged ? "triaged" : "open" };
};

export function operations(f: Fixtures, appPageCursor: string | null): Operation[] {
  const auth = { authorization: `Bearer ${f.token}` };
  const json = { ...auth, "content-type": "application/json" };
  const lists: [string, string, Operation["listFilter"]][] = [
    ["list.all", "List, first page, no filter", {}],
    ["list.status", "List, first page, status=open", { status: "open" }],
    [
      "list.assignee",
      "List, first page, status + assignee",
      { status: "open", assignee: f.assignee },
    ],
    ["list.q", `List, first page, q=${f.q}`, { q: f.q }],
  ];
  const ops: Operation[] = lists.map(([key, label, filter]) => ({
    key,
    label,
    kind: "read",
    listFilter: filter,
    targets: {
      app: { url: `${f.appURL}/api/tickets${query(filter)}`, headers: auth },
      pre: { url: `${f.baselineURL}/pre/tickets${query(filter)}` },
      raw: { url: `${f.baselineURL}/raw/list${query(filter)}` },
    },
  }));
  ops.push({
    key: "list.sla_due",
    label: "List, first page, due soonest",
    kind: "read",
    targets: {
      app: { url: `${f.appURL}/api/tickets?sort=sla_due`, headers: auth },
    },
  });
  ops.push({
    key: "list.q2",
    label: `List, first page, q=${f.q2}`,
    kind: "read",
    targets: {
      app: { url: `${f.appURL}/api/tickets${query({ q: f.q2 })}`, headers: auth },
    },
  });
  if (f.page20 && appPageCursor) {
    const own = encodeCursor(f.page20);
    ops.push({
      key: "list.page20",
      label: "List, page 20 by cursor",
      kind: "read",
      listFilter: { cursor: f.page20 },
      targets: {
        app: { url: `${f.appURL}/api/tickets${query({}, appPageCursor)}`, headers: auth },
        pre: { url: `${f.baselineURL}/pre/tickets${query({}, own)}` },
        raw: { url: `${f.baselineURL}/raw/list${query({}, own)}` },
      },
    });
  }
  ops.push(
    {
      key: "detail",
      label: "Ticket detail",
      kind: "read",
      targets: {
        app: {
          url: f.appURL,
          headers: auth,
          setupRequest: randomOf(f.readIds, (id) => `/api/tickets/${id}`),
        },
        raw: {
          url: f.baselineURL,
          setupRequest: randomOf(f.readIds, (id) => `/raw/tickets/${id}`),
        },
      },
    },
    {
      key: "dashboard",
      label: "Dashboard",
      kind: "read",
      targets: {
        app: { url: `${f.appURL}/api/dashboard`, headers: auth },
        pre: { url: `${f.baselineURL}/pre/dashboard` },
      },
    },
  );
  if (f.feedEnd > 0) {
    // A consumer paging through the feed: pages of 500 from random places in it.
    ops.push({
      key: "feed.page",
      label: `Event feed, a page of ${FEED_PAGE}`,
      kind: "read",
      targets: {
        app: {
          url: f.appURL,
          headers: auth,
          setupRequest: (request) => ({
            ...request,
            path: `/api/events?limit=${FEED_PAGE}&after=${Math.floor(Math.random() * Math.max(1, f.feedEnd - FEED_PAGE))}`,
          }),
        },
      },
    });
  }
  const created = JSON.stringify({
    subject: "Bench: the printer on floor 3 jams",
    message: MESSAGE,
  });
  ops.push(
    {
      key: "cmd.create",
      label: "Command: create ticket",
      kind: "command",
      targets: {
        app: { url: `${f.appURL}/api/tickets`, method: "POST", headers: json, body: created },
        raw: { url: `${f.baselineURL}/raw/create`, method: "POST", headers: json, body: created },
      },
    },
    {
      key: "cmd.status",
      label: "Command: change status",
      kind: "command",
      targets: {
        app: {
          url: f.appURL,
          method: "POST",
          headers: json,
          setupRequest: perConnection(f.commandIds, (id) => `/api/tickets/${id}/status`, flip),
        },
        raw: {
          url: f.baselineURL,
          method: "POST",
          headers: json,
          setupRequest: perConnection(f.rawIds, (id) => `/raw/status/${id}`, flip),
        },
      },
    },
    {
      key: "cmd.note",
      label: "Command: add note",
      kind: "command",
      targets: {
        app: {
          url: f.appURL,
          method: "POST",
          headers: json,
          setupRequest: perConnection(
            f.commandIds,
            (id) => `/api/tickets/${id}/notes`,
            () => ({ body: "Bench note: customer called back." }),
          ),
        },
        raw: {
          url: f.baselineURL,
          method: "POST",
          headers: json,
          setupRequest: perConnection(
            f.rawIds,
            (id) => `/raw/note/${id}`,
            () => ({ body: "Bench note: customer called back." }),
          ),
        },
      },
    },
    {
      // One client, so that no two replies race for one ticket: the same reply on short
      // conversations (the desk's open tickets in turn) and on one of 1,000 messages.
      key: "cmd.reply",
      label: "Command: reply (short conversation)",
      kind: "command",
      connections: 1,
      targets: {
        app: {
          url: f.appURL,
          method: "POST",
          headers: json,
          setupRequest: rotating(f.commandIds, (id) => `/api/tickets/${id}/replies`, REPLY),
        },
        raw: {
          url: f.baselineURL,
          method: "POST",
          headers: json,
          setupRequest: rotating(f.rawIds, (id) => `/raw/note/${id}`, REPLY),
        },
      },
    },
    {
      key: "cmd.reply.long",
      label: `Command: reply (${LONG_CONVERSATION.messages.toLocaleString("en")}+ messages)`,
      kind: "command",
      connections: 1,
      targets: {
        app: {
          url: `${f.appURL}/api/tickets/${f.longId}/replies`,
          method: "POST",
          headers: json,
          body: JSON.stringify(REPLY),
        },
        // The same write on a raw ticket of as many messages: what the database itself costs.
        raw: {
          url: f.baselineURL,
          method: "POST",
          headers: json,
          setupRequest: (request) => ({
            ...request,
            path: `/raw/note/${f.raw.longId}`,
            body: JSON.stringify(REPLY),
          }),
        },
      },
    },
  );
  return ops;
}

/**
 * What one list request reads from the database, in BSON bytes: the same find (filter, sort,
 * 26 rows) on the write collection (pre-CQRS) and on the active list read model (CQRS).
 */
export async function listDbBytes(db: Db, filter: NonNullable<Operation["listFilter"]>) {
  const active = await db
    .collection<{ _id: string; generation: number }>(COLLECTIONS.registry)
    .findOne({ _id: "active" });
  const list = db.collection(readModelName(TICKET_LIST, active?.generation ?? 0));
  const find: Document = {};
  if (filter.status) find.status = filter.status;
  if (filter.assignee) find.assignee = filter.assignee;
  if (filter.q)
    find.subject = { $regex: filter.q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), $options: "i" };
  if (filter.cursor) {
    const at = new Date(filter.cursor.updatedAt);
    find.$or = [
      { updatedAt: { $lt: at } },
      { updatedAt: at, _id: { $lt: BSON.ObjectId.createFromHexString(filter.cursor.ticketId) } },
    ];
  }
  const size = async (collection: string) => {
    const docs = await db
      .collection(collection)
      .find(find)
      .sort({ updatedAt: -1, _id: -1 })
      .limit(26)
      .toArray();
    return docs.reduce((sum, doc) => sum + BSON.calculateObjectSize(doc), 0);
  };
  return { app: await size(list.collectionName), pre: await size(COLLECTIONS.tickets) };
}
