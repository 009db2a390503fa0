import "server-only";
import { getDb } from "@/server/db/client";
import {
  readFeed,
  waitForEvents,
  type FeedGoneError,
  type FeedPage,
  type FeedQuery,
} from "@/server/events/read";
import { problem } from "@/server/http/problem";

/**
 * One page of GET /api/events: the feed from the cursor; with `wait` seconds, when there is
 * nothing after it (and nothing left to look at up to the visible mark), waits for more.
 */
export async function feedPage(
  query: FeedQuery & { wait?: number },
  signal?: AbortSignal,
): Promise<{ items: FeedPage["items"]; nextCursor: string }> {
  const db = await getDb();
  const deadline = Date.now() + (query.wait ?? 0) * 1_000;
  let page = await readFeed(db, query);
  while (
    page.items.length === 0 &&
    page.next >= page.visible &&
    Date.now() < deadline &&
    !signal?.aborted
  ) {
    if (!(await waitForEvents(db, page.visible, deadline, signal))) break;
    page = await readFeed(db, { ...query, after: page.next });
  }
  return { items: page.items, nextCursor: String(page.next) };
}

/** A cursor before the oldest kept event: 410, saying where the feed starts now. */
export function feedGoneProblem(error: FeedGoneError): Response {
  return problem(410, "feed-pruned", "Gone", error.message, {
    start: error.start,
    startCursor: String(error.start - 1),
  });
}
