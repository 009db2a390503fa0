import { feedGoneProblem, feedPage } from "@/server/events/feed-api";
import { FeedGoneError } from "@/server/events/read";
import { feedQuerySchema } from "@/server/events/schema";
import { readQuery } from "@/server/http/request";
import { route } from "@/server/http/route";

/**
 * The event feed: every change to every ticket, oldest first, from a cursor. With `wait`, an
 * empty answer waits (up to that many seconds) for the next event instead.
 */
export const GET = route("read", async ({ request }) => {
  const query = readQuery(request, feedQuerySchema);
  try {
    return Response.json(await feedPage(query, request.signal), {
      headers: { "cache-control": "no-store" },
    });
  } catch (error) {
    if (!(error instanceof FeedGoneError)) throw error;
    return feedGoneProblem(error);
  }
});
