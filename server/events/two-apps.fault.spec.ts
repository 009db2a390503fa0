import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppProcess } from "@/server/testing/app-process";
import { SseReader } from "@/server/testing/sse";

// Two app instances on one database, each with its projector: an event stream opened on either
// gets every change, whichever instance took the command, in the same order, without a hole.

interface Streamed {
  position: number;
  id: string;
  ticketId: string;
}

/** An event stream opened from `after`; `read` takes what has arrived, up to `count`. */
async function follow(baseURL: string, token: string, after: string) {
  const abort = new AbortController();
  const res = await fetch(`${baseURL}/api/events/stream?after=${after}`, {
    headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
    signal: abort.signal,
  });
  const sse = new SseReader<Streamed>(res.body!);
  return {
    read: async (count: number) => (await sse.take(count, 60_000)).map((m) => m.data),
    stop: async () => {
      abort.abort();
      await sse.cancel();
    },
  };
}

describe("two app instances on one database", () => {
  let a: AppProcess | undefined;
  let b: AppProcess | undefined;
  beforeAll(async () => {
    a = await startApp();
    b = await startApp({ env: { MONGODB_URI: a.mongoUri } });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("each streams every change, whichever instance took it, in the same order", async () => {
    const token = a!.apiToken;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const start = (await (
      await fetch(`${b!.baseURL}/api/events?limit=500`, { headers })
    ).json()) as { nextCursor: string };
    const onA = await follow(a!.baseURL, token, start.nextCursor);
    const onB = await follow(b!.baseURL, token, start.nextCursor);
    try {
      // Commands through both instances, alternately.
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const app = i % 2 === 0 ? a! : b!;
        const res = await fetch(`${app.baseURL}/api/tickets`, {
          method: "POST",
          headers,
          body: JSON.stringify({ subject: `Two apps ${i}`, message: "x" }),
        });
        expect(res.status).toBe(201);
        ids.push(((await res.json()) as { ticketId: string }).ticketId);
      }
      for (const [i, id] of ids.entries()) {
        const app = i % 2 === 0 ? b! : a!;
        const res = await fetch(`${app.baseURL}/api/tickets/${id}/notes`, {
          method: "POST",
          headers,
          body: JSON.stringify({ body: `Note through the other instance ${i}` }),
        });
        expect(res.status).toBe(200);
      }
      const expected = ids.flatMap((id) => [`${id}:1`, `${id}:2`]).sort();
      const [seenOnA, seenOnB] = await Promise.all([
        onA.read(expected.length),
        onB.read(expected.length),
      ]);
      for (const events of [seenOnA, seenOnB]) {
        expect(events.map((e) => e.id).sort()).toEqual(expected);
        const positions = events.map((e) => e.position);
        expect(positions).toEqual(positions.map((_, i) => positions[0]! + i));
      }
      expect(seenOnB).toEqual(seenOnA);
    } finally {
      await onA.stop();
      await onB.stop();
    }
  });
});
