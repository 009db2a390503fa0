import { streamQuerySchema } from "@/server/events/schema";
import { eventStream } from "@/server/events/stream";
import { readQuery } from "@/server/http/request";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/**
 * The event feed as Server-Sent Events: `id` is the position, `data` the event as in
 * GET /api/events. A reconnecting client sends Last-Event-ID and resumes after it. With
 * status=true, `event: status` messages carry the projector's pending count.
 */
export const GET = route("read", async ({ request }) => {
  const query = readQuery(request, streamQuerySchema);
  return eventStream(request, query.after, { status: query.status === "true" });
});
