import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import * as stream from "@/app/api/events/stream/route";
import { pruneEvents } from "@/server/events/retention";
import { eventStream } from "@/server/events/stream";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import { testSession, testToken } from "@/server/testing/http";
import { SseReader } from "@/server/testing/sse";
import { emptyDesk, testCollections } from "@/server/testing/read-collections";
import { addNote } from "@/server/tickets/commands/add-note";

interface Streamed {
  position: number;
  type: string;
  ticketId: string;
}

/** An open event stream, read message by message. */
async function open(headers: Record<string, string>, query = "") {
  const abort = new AbortController();
  const request = new NextRequest(new URL(`/api/events/stream${query}`, "http://desk.test"), {
    headers,
    signal: abort.signal,
  });
  const response = await stream.GET(request, { params: Promise.resolve({}) });
  const sse = new SseReader<Streamed>(response.body!);
  return {
    response,
    next: (count: number) => sse.take(count),
    close: async () => {
      abort.abort();
      await sse.cancel();
    },
  };
}

describe("GET /api/events/stream", () => {
  beforeEach(async () => {
    await emptyDesk(await testCollections());
  });

  it("streams the feed from a cursor, then each new event as it is numbered, id = position", async () => {
    const t = await create({ subject: "Streamed", message: "x" });
    await addNote(t.ticketId, { body: "one" }, as());
    await drainProjectionQueue();
    const token = await testToken("read");
    const s = await open({ authorization: `Bearer ${token}` }, "?after=0");
    try {
      expect(s.response.status).toBe(200);
      expect(s.response.headers.get("content-type")).toContain("text/event-stream");
      const first = await s.next(2);
      expect(first.map((m) => [m.id, m.data.type])).toEqual([
        ["1", "ticket.created"],
        ["2", "ticket.note_added"],
      ]);
      await addNote(t.ticketId, { body: "two" }, as());
      await drainProjectionQueue();
      const live = await s.next(1);
      expect(live.map((m) => [m.id, m.data.type, m.data.ticketId])).toEqual([
        ["3", "ticket.note_added", t.ticketId],
      ]);
    } finally {
      await s.close();
    }
  });

  it("resumes after Last-Event-ID when a browser reconnects: nothing missed, nothing twice", async () => {
    const t = await create({ subject: "Resumed", message: "x" });
    for (const body of ["a", "b", "c"]) await addNote(t.ticketId, { body }, as());
    await drainProjectionQueue();
    // A signed-in agent's tab (EventSource sends the session cookie).
    const s = await open({ cookie: await testSession("agent"), "last-event-id": "2" });
    try {
      expect((await s.next(2)).map((m) => m.id)).toEqual(["3", "4"]);
    } finally {
      await s.close();
    }
  });

  it("ends each stream after its lifetime, so that clients reconnect (and resume)", async () => {
    const request = new NextRequest("http://desk.test/api/events/stream?after=0", {
      headers: { authorization: `Bearer ${await testToken("read")}` },
    });
    const response = await eventStream(request, "0", { maxMs: 300 });
    expect(await new SseReader(response.body!).end()).toBe(true);
  });

  it("without a cursor starts from now; refuses a pruned cursor (410) and no credentials (401)", async () => {
    const t = await create({ subject: "Now", message: "x" });
    await drainProjectionQueue();
    const token = await testToken("read");
    const s = await open({ authorization: `Bearer ${token}` });
    try {
      await addNote(t.ticketId, { body: "after connecting" }, as());
      await drainProjectionQueue();
      expect((await s.next(1)).map((m) => m.id)).toEqual(["2"]);
    } finally {
      await s.close();
    }
    await pruneEvents((await testCollections()).db, new Date(Date.now() + 60_000));
    const gone = await stream.GET(
      new NextRequest("http://desk.test/api/events/stream?after=0", {
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(gone.status).toBe(410);
    const anonymous = await stream.GET(new NextRequest("http://desk.test/api/events/stream"), {
      params: Promise.resolve({}),
    });
    expect(anonymous.status).toBe(401);
  });

  it("with status=true, says how many tickets wait for the projector, at once and on each change", async () => {
    // given a desk with one projected ticket, and a stream that asks for status
    const t = await create({ subject: "Status", message: "x" });
    await drainProjectionQueue();
    const token = await testToken("read");
    const s = await open({ authorization: `Bearer ${token}` }, "?status=true");
    try {
      // then the first message says nothing is pending, with the feed's position as its id
      const first = await s.next(1);
      expect(first.map((m) => [m.event, m.id, m.data])).toEqual([["status", "1", { pending: 0 }]]);

      // when a change is written but not projected yet
      await addNote(t.ticketId, { body: "syncing" }, as());
      // then the stream says one is pending, before the event exists
      const syncing = await s.next(1);
      expect(syncing.map((m) => [m.event, m.data])).toEqual([["status", { pending: 1 }]]);

      // when it is projected: the event, and nothing pending (in either order)
      await drainProjectionQueue();
      const done = await s.next(2);
      expect(done.map((m) => m.event).sort()).toEqual(["message", "status"]);
      expect(done.find((m) => m.event === "status")!.data).toEqual({ pending: 0 });
      expect(done.find((m) => m.event === "message")!.id).toBe("2");
    } finally {
      await s.close();
    }
    // and a bad value is a problem
    const bad = await stream.GET(
      new NextRequest("http://desk.test/api/events/stream?status=yes", {
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(bad.status).toBe(400);
  });
});
