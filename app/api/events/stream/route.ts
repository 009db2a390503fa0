import { streamQuerySchema } from "@/server/events/schema";
import { eventStream } from "@/server/events/stream";
import { readQuery } from "@/server/http/request";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/**
 * The event feed as Server-Sent Events: `id` is the position, `data` the event as in
 * GET /api/events. A reconnecting client sends Last-Event-ID and resumes after it.
 */
export const GET = route("read", async ({ request }) =>
  eventStream(request, readQuery(request, streamQuerySchema).after),
);
