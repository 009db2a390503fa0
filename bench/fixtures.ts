// The data each size is measured with, read through the app's API like a client would: an
// assignee and a search word that exist, the cursor of page 20, ticket ids to read and command.
import { LONG_CONVERSATION, MESSAGE, type Cursor, type Fixtures } from "./operations";

/** What the first size chooses and every later size reuses. */
export interface Chosen {
  assignee: string;
  q: string;
  q2: string;
  longId: string;
}

interface Item {
  ticketId: string;
  subject: string;
  status: string;
  updatedAt: string;
}

/**
 * `keep` carries the assignee and search word chosen at the first size, so every size filters
 * the same way (and later sizes do not pick a word from the bench's own tickets).
 */
export async function gatherFixtures(
  appURL: string,
  baselineURL: string,
  token: string,
  keep?: Chosen,
) {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${appURL}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const pages = async (query: string, count: number) => {
    const items: Item[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < count; i++) {
      const sep: string = query ? "&" : "?";
      const page: { items: Item[]; nextCursor: string | null } = await get(
        `/api/tickets${query}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return { items, cursor };
  };

  const first19 = await pages("", 19);
  const last = first19.items.at(-1);
  const page20: Cursor | null =
    first19.items.length === 19 * 25 && first19.cursor && last
      ? { updatedAt: last.updatedAt, ticketId: last.ticketId }
      : null;

  const dashboard = await get<{ byAssignee: Record<string, number> }>("/api/dashboard");
  const assignee =
    keep?.assignee ??
    Object.entries(dashboard.byAssignee).sort((a, b) => b[1] - a[1])[0]?.[0] ??
    "Ada Lovelace";

  // The commonest word (4+ letters) in the newest subjects: a search that finds something.
  const words = new Map<string, number>();
  for (const item of first19.items.slice(0, 200)) {
    for (const word of item.subject.toLowerCase().match(/\p{L}{4,}/gu) ?? []) {
      words.set(word, (words.get(word) ?? 0) + 1);
    }
  }
  const q = keep?.q ?? [...words.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "printer";
  // The word found most often beside it: a two-word search with answers.
  const beside = new Map<string, number>();
  for (const item of first19.items.slice(0, 200)) {
    const own = new Set(item.subject.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
    if (!own.has(q)) continue;
    for (const word of own) if (word !== q) beside.set(word, (beside.get(word) ?? 0) + 1);
  }
  const q2 =
    keep?.q2 ?? `${q} ${[...beside.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "update"}`;
  const longId = keep?.longId ?? (await createLongConversation(appURL, token));

  const open = (await pages("?status=open&limit=100", 3)).items.map((i) => i.ticketId);
  const half = Math.max(1, Math.floor(open.length / 2));
  const rawIds: string[] = []; // filled by createRawTickets right before the commands run

  const fixtures: Fixtures = {
    appURL,
    baselineURL,
    token,
    assignee,
    q,
    q2,
    longId,
    page20,
    readIds: first19.items.map((i) => i.ticketId),
    commandIds: open.slice(0, half),
    rawIds,
    raw: { longId: null },
    feedEnd: 0, // set by the run from the sequence document
  };
  const chosen: Chosen = { assignee, q, q2, longId };
  return {
    fixtures,
    chosen,
    page20AppCursor: page20 ? first19.cursor : null,
    lagIds: open.slice(half),
  };
}

/**
 * Tickets the raw baseline's status and note writes use, written by the raw baseline itself,
 * and its long conversation: a ticket with as many notes of the same size as the app's.
 */
export async function createRawTickets(f: Fixtures, count = 50) {
  const { baselineURL, rawIds: into } = f;
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${baselineURL}/raw/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        subject: `Raw baseline ticket ${i}`,
        message: "Written by the bench.",
      }),
    });
    into.push(((await res.json()) as { ticketId: string }).ticketId);
  }
  const post = async (path: string, body: unknown) =>
    (await (
      await fetch(`${baselineURL}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    ).json()) as { ticketId: string };
  const { ticketId } = await post("/raw/create", {
    subject: "Raw baseline: a long conversation",
    message: longText(1),
  });
  for (let n = 2; n <= LONG_CONVERSATION.messages; n++)
    await post(`/raw/note/${ticketId}`, { body: longText(n) });
  f.raw.longId = ticketId;
}

/** Message `n` of a long conversation: LONG_CONVERSATION.bytes characters. */
const longText = (n: number) =>
  `Message ${n}. ${MESSAGE.repeat(Math.ceil(LONG_CONVERSATION.bytes / MESSAGE.length))}`.slice(
    0,
    LONG_CONVERSATION.bytes,
  );

/**
 * A ticket with LONG_CONVERSATION.messages customer messages of about LONG_CONVERSATION.bytes
 * each, sent through the API one after another as a mail gateway would.
 */
async function createLongConversation(appURL: string, token: string): Promise<string> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${appURL}${path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as { ticketId: string };
  };
  const customer = { email: "long.thread@bench.test", name: "Long Thread" };
  const { ticketId } = await post("/api/tickets", {
    subject: "Bench: a conversation of a thousand messages",
    message: longText(1),
    customer,
  });
  for (let n = 2; n <= LONG_CONVERSATION.messages; n++) {
    await post(`/api/tickets/${ticketId}/messages`, { body: longText(n), customer });
  }
  return ticketId;
}
