// The two baselines of `npm run bench`, served over HTTP so autocannon measures them the same way
// it measures the app. Never a product endpoint: it lives in bench/ and only the bench starts it.
//
//   /pre/tickets?status=&assignee=&q=&cursor=   the list before CQRS: whole write documents,
//                                                preview and hasNote computed per request
//   /pre/dashboard                              the dashboard before CQRS: $group over `tickets`
//   /raw/tickets/:id                            findOne({_id}) on the active ticket_detail
//   /raw/list?status=&assignee=&q=&cursor=      the same find on the active ticket_list
//   POST /raw/create, /raw/status/:id, /raw/note/:id   the command's writes as bare driver calls
//   POST /raw/cleanup {keep}                    deletes what /raw/create wrote, but `keep`
//
// Usage: MONGODB_URI=… PORT=… tsx --conditions=react-server bench/baseline-server.ts
import http from "node:http";
import { MongoClient, ObjectId, type Db, type Document, type Filter } from "mongodb";
import { COLLECTIONS } from "../server/db/collections";
import { readModelName } from "../server/db/generations";
import { TICKET_DETAIL } from "../server/read-models/ticket-detail/collections";
import { TICKET_LIST } from "../server/read-models/ticket-list/collections";
import { preview } from "../server/read-models/ticket-list/preview";
import { createdTicketDocument, createTicketInput } from "../server/tickets/commands/create-ticket";
import type { MessageDocument, TicketDocument } from "../server/tickets/write-model";

const uri = process.env.MONGODB_URI;
const port = Number(process.env.PORT ?? 0);
if (!uri) throw new Error("MONGODB_URI is required");

const client = new MongoClient(uri, { appName: "bench-baseline", maxPoolSize: 20 });
const db: Db = client.db();
const tickets = db.collection<TicketDocument>(COLLECTIONS.tickets);
const LIMIT = 25;

// Resolve the active read-model generation the way the app does (cached for a second).
let generation: { value: number; until: number } | undefined;
async function readCollection(name: string) {
  if (!generation || generation.until < Date.now()) {
    const active = await db
      .collection<{ _id: string; generation: number }>(COLLECTIONS.registry)
      .findOne({ _id: "active" });
    generation = { value: active?.generation ?? 0, until: Date.now() + 1_000 };
  }
  return db.collection(readModelName(name, generation.value));
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The list filter of the app's old design: status, assignee, q (subject regex), keyset cursor. */
function listFilter(params: URLSearchParams): Filter<Document> {
  const filter: Filter<Document> = {};
  const status = params.get("status");
  const assignee = params.get("assignee");
  const q = params.get("q");
  const cursor = params.get("cursor");
  if (status) filter.status = status;
  if (assignee) filter.assigneeId = assignee;
  if (q) filter.subject = { $regex: escapeRegex(q), $options: "i" };
  if (cursor) {
    const { u, i } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      u: number;
      i: string;
    };
    const at = new Date(u);
    filter.$or = [{ updatedAt: { $lt: at } }, { updatedAt: at, _id: { $lt: new ObjectId(i) } }];
  }
  return filter;
}

const SORT = { updatedAt: -1, _id: -1 } as const;
const cursorOf = (doc: { updatedAt: Date; _id: ObjectId }) =>
  Buffer.from(JSON.stringify({ u: doc.updatedAt.getTime(), i: doc._id.toHexString() })).toString(
    "base64url",
  );

/** Pre-CQRS list: the whole write documents, each row computed on every request. */
async function preList(params: URLSearchParams) {
  const docs = await tickets
    .find(listFilter(params) as Filter<TicketDocument>)
    .sort(SORT)
    .limit(LIMIT + 1)
    .toArray();
  const page = docs.slice(0, LIMIT);
  const last = page.at(-1);
  return {
    items: page.map((t) => ({
      ticketId: t._id.toHexString(),
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      assigneeId: t.assigneeId,
      customerEmail: t.customer?.email ?? null,
      preview: preview(t.message),
      hasNote: t.noteCount > 0,
      noteCount: t.noteCount,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      triagedAt: t.triagedAt?.toISOString() ?? null,
      closedAt: t.closedAt?.toISOString() ?? null,
      version: t.version,
    })),
    nextCursor: docs.length > LIMIT && last ? cursorOf(last) : null,
  };
}

/**
 * Pre-CQRS dashboard: every figure grouped from the write collection on every request, the way
 * it was written before read models: one `$group` by status × priority × assignee (the counts
 * by status, the active ones by priority and assignee, unassigned), and `$match` + `$count` for
 * the rest. Four full passes over `tickets`, run in parallel; only stages the embedded database
 * supports (no $cond, no $facet).
 */
async function preDashboard() {
  const since = new Date(Date.now() - 30 * 86_400_000);
  const count = async (match: Document) =>
    (await tickets.aggregate<{ n: number }>([{ $match: match }, { $count: "n" }]).toArray())[0]
      ?.n ?? 0;
  type Cell = { _id: { s: string; p: string; a: string | null }; n: number };
  const [cells, withNotes, created, closed] = await Promise.all([
    tickets
      .aggregate<Cell>([
        { $group: { _id: { s: "$status", p: "$priority", a: "$assigneeId" }, n: { $sum: 1 } } },
      ])
      .toArray(),
    count({ status: { $ne: "closed" }, noteCount: { $gt: 0 } }),
    count({ createdAt: { $gte: since } }),
    count({ closedAt: { $gte: since } }),
  ]);
  const byStatus: Record<string, number> = {};
  const byPriority: Record<string, number> = {};
  const byAssignee: Record<string, number> = {};
  let unassigned = 0;
  let total = 0;
  for (const { _id, n } of cells) {
    total += n;
    byStatus[_id.s] = (byStatus[_id.s] ?? 0) + n;
    if (_id.s === "closed") continue;
    byPriority[_id.p] = (byPriority[_id.p] ?? 0) + n;
    if (_id.a === null) unassigned += n;
    else byAssignee[_id.a] = (byAssignee[_id.a] ?? 0) + n;
  }
  return {
    total,
    byStatus,
    byPriority,
    unassigned,
    withNotes,
    byAssignee,
    createdLast30Days: created,
    closedLast30Days: closed,
  };
}

async function rawList(params: URLSearchParams) {
  const list = await readCollection(TICKET_LIST);
  return list
    .find(listFilter(params))
    .sort(SORT)
    .limit(LIMIT + 1)
    .toArray();
}

async function rawDetail(id: string) {
  const detail = await readCollection(TICKET_DETAIL);
  return detail.findOne({ _id: new ObjectId(id) });
}

const ACTOR = { id: "bench", name: "Bench (raw driver)" };
/** Tickets /raw/create wrote since the last cleanup: removed again so the desk keeps its size. */
let created: ObjectId[] = [];

async function rawCleanup(keep: string[]) {
  const kept = new Set(keep);
  const remove = created.filter((id) => !kept.has(id.toHexString()));
  created = created.filter((id) => kept.has(id.toHexString()));
  let deleted = 0;
  for (let i = 0; i < remove.length; i += 500) {
    const result = await tickets.deleteMany({ _id: { $in: remove.slice(i, i + 500) } });
    deleted += result.deletedCount;
  }
  return { deleted };
}

/** A note's body, as the note command writes it before the ticket; returns its id. */
async function rawMessage(ticketId: string, body: string, at: Date) {
  const id = new ObjectId().toHexString();
  await db.collection<MessageDocument>(COLLECTIONS.messages).insertOne({
    _id: `${ticketId}:${id}`,
    ticketId,
    kind: "note",
    body,
    author: { name: "b" },
    at,
  });
  return id;
}

/** A ticket-shaped write document, as CreateTicket inserts it (already marked projected, so the
 * app's projector leaves these alone; the rebuild at the end of each size projects them). */
async function rawCreate(body: { subject: string; message: string }) {
  const now = new Date();
  const doc: TicketDocument = {
    ...createdTicketDocument(
      createTicketInput.parse(body),
      { actor: ACTOR, now, newId: () => new ObjectId().toHexString() },
      { _id: new ObjectId(), createdWith: null },
    ),
    dirtySince: null,
    projectedVersion: 1,
  };
  await tickets.insertOne(doc);
  created.push(doc._id);
  return { ticketId: doc._id.toHexString(), version: 1 };
}

async function rawUpdate(id: string, kind: "status" | "note", body: Record<string, string>) {
  const now = new Date();
  const _id = new ObjectId(id);
  const update =
    kind === "status"
      ? {
          $set: { status: body.status as TicketDocument["status"], updatedAt: now },
          $inc: { version: 1 },
          $push: {
            history: { version: 0, type: "StatusChanged", at: now, actor: ACTOR, changes: {} },
          },
        }
      : {
          $set: { updatedAt: now },
          $inc: { version: 1, noteCount: 1 },
          $push: {
            messageIds: await rawMessage(id, body.body ?? "", now),
            history: { version: 0, type: "NoteAdded", at: now, actor: ACTOR, changes: {} },
          },
        };
  await tickets.updateOne({ _id }, update as Document);
  return { ticketId: id, version: 0 };
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, string>) : {};
}

async function handle(req: http.IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(req.url ?? "/", "http://bench");
  const parts = url.pathname.split("/").filter(Boolean);
  const [side, what, id] = parts;
  if (req.method === "GET") {
    if (side === "pre" && what === "tickets") return [200, await preList(url.searchParams)];
    if (side === "pre" && what === "dashboard") return [200, await preDashboard()];
    if (side === "raw" && what === "list") return [200, await rawList(url.searchParams)];
    if (side === "raw" && what === "tickets" && id) {
      const doc = await rawDetail(id);
      return doc ? [200, doc] : [404, { error: "not found" }];
    }
    if (side === "health") return [200, { ok: true, inflight: inflight - 1 }];
  }
  if (req.method === "POST" && side === "raw") {
    const body = await readBody(req);
    if (what === "cleanup") return [200, await rawCleanup((body.keep ?? "").split(","))];
    if (what === "create")
      return [201, await rawCreate(body as { subject: string; message: string })];
    if ((what === "status" || what === "note") && id) return [200, await rawUpdate(id, what, body)];
  }
  return [404, { error: "no such baseline" }];
}

/** Requests being answered, including those a load generator gave up on: see /health. */
let inflight = 0;

const server = http.createServer((req, res) => {
  inflight++;
  const answered = handle(req).finally(() => inflight--);
  answered.then(
    ([status, body]) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    },
    (error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(error instanceof Error ? error.message : String(error));
    },
  );
});

await client.connect();
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`baseline listening on ${typeof address === "object" ? address?.port : address}`);
});
const stop = () => {
  server.close();
  void client.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
