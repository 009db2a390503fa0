import "server-only";
import { createResponse } from "better-sse";
import { getDb } from "@/server/db/client";
import { env } from "@/server/env";
import type { PositionedEvent } from "@/server/events/event";
import { feedGoneProblem } from "@/server/events/feed-api";
import { FeedGoneError, readFeed } from "@/server/events/read";
import { readSequence } from "@/server/events/sequence";
import { feedTail } from "@/server/events/tail";

/**
 * The event feed as Server-Sent Events, after `Last-Event-ID` (a reconnecting browser), else
 * after `after`, else from now.
 */
export async function eventStream(
  request: Request,
  after: string | undefined,
  options: { maxMs?: number; status?: boolean } = {},
): Promise<Response> {
  const db = await getDb();
  const resume = request.headers.get("last-event-id");
  let cursor = /^\d{1,15}$/.test(resume ?? "")
    ? Number(resume)
    : after !== undefined
      ? Number(after)
      : (await readSequence(db)).visible;
  try {
    // Refused now (as a problem) rather than inside the stream.
    await readFeed(db, { after: cursor, limit: 1 });
  } catch (error) {
    if (!(error instanceof FeedGoneError)) throw error;
    return feedGoneProblem(error);
  }

  // The stream ends when the client goes, or after its lifetime (the client reconnects).
  const ends = new Request(request.url, {
    headers: request.headers,
    signal: AbortSignal.any([
      request.signal,
      AbortSignal.timeout(options.maxMs ?? env.EVENTS_STREAM_MAX_SECONDS * 1_000),
    ]),
  });
  return createResponse(
    ends,
    { retry: 1_000, keepAlive: 15_000, headers: { "cache-control": "no-store" } },
    (session) => {
      const push = (events: PositionedEvent[]) => {
        for (const event of events) {
          if (event.position <= cursor) continue;
          session.push(event, "message", String(event.position));
          cursor = event.position;
        }
      };
      /** Reads from the cursor to the visible mark (bounded: the next round goes on). */
      const catchUp = async () => {
        for (let i = 0; i < 100 && session.isConnected; i++) {
          const page = await readFeed(db, { after: cursor, limit: 500 });
          push(page.items);
          if (page.next >= page.visible) return;
        }
      };
      // One thing at a time, in order: the catch-up, then what the tail hands over. A tail event
      // beyond cursor + 1 means some came between the two: those are read first.
      let chain: Promise<void> = Promise.resolve();
      const then = (work: () => Promise<void>) => {
        chain = chain.then(work).catch(() => stop());
      };
      then(catchUp);
      const stop = feedTail(getDb).listen((events) =>
        then(async () => {
          const first = events.find((e) => e.position > cursor);
          if (!first) return;
          if (first.position > cursor + 1) await catchUp();
          push(events);
        }),
      );
      // `event: status` messages (opt-in) carry the projector's pending count; their id is the
      // cursor's, so a reconnecting browser still resumes after the last event it saw.
      const stopStatus = options.status
        ? feedTail(getDb).listenStatus((pending) =>
            then(() => {
              session.push({ pending }, "status", String(cursor));
              return Promise.resolve();
            }),
          )
        : () => undefined;
      session.once("disconnected", () => {
        stop();
        stopStatus();
      });
    },
  );
}
