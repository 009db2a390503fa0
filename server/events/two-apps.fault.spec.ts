import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppProcess } from "@/server/testing/app-process";

// Two app instances on one database, each with its projector: an event stream opened on either
// gets every change, whichever instance took the command, in the same order, without a hole.

interface Streamed {
  position: number;
  id: string;
  ticketId: string;
}

/** An SSE stream read in the background: what arrived so far, and a way to stop reading. */
function follow(baseURL: string, token: string, after: string) {
  const abort = new AbortController();
  const events: Streamed[] = [];
  const done = (async () => {
    const res = await fetch(`${baseURL}/api/events/stream?after=${after}`, {
      headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      text += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = text.indexOf("\n\n")) >= 0) {
        const data = /^data: ?(.*)$/m.exec(text.slice(0, end))?.[1];
        text = text.slice(end + 2);
        if (data) events.push(JSON.parse(data) as Streamed);
      }
    }
  })().catch(() => undefined);
  return {
    events,
    stop: async () => {
      abort.abort();
      await done;
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
    const onA = follow(a!.baseURL, token, start.nextCursor);
    const onB = follow(b!.baseURL, token, start.nextCursor);
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
      const deadline = Date.now() + 60_000;
      while (
        (onA.events.length < expected.length || onB.events.length < expected.length) &&
        Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const stream of [onA, onB]) {
        expect(stream.events.map((e) => e.id).sort()).toEqual(expected);
        const positions = stream.events.map((e) => e.position);
        expect(positions).toEqual(positions.map((_, i) => positions[0]! + i));
      }
      expect(onB.events).toEqual(onA.events);
    } finally {
      await onA.stop();
      await onB.stop();
    }
  });
});
