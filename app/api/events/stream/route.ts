import { z } from "zod";
import { eventStream } from "@/server/events/stream";
import { readQuery } from "@/server/http/request";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

const streamQuery = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,15}$/, { error: "after must be a cursor from the feed (or 0)." })
    .optional()
    .meta({ description: "Start after this position; absent: from now on." }),
});

/**
 * The event feed as Server-Sent Events: `id` is the position, `data` the event as in
 * GET /api/events. A reconnecting client sends Last-Event-ID and resumes after it.
 */
export const GET = route("read", async ({ request }) =>
  eventStream(request, readQuery(request, streamQuery).after),
);
