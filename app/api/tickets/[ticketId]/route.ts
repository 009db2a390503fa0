import { z } from "zod";
import { problem } from "@/server/http/problem";
import { readQuery } from "@/server/http/request";
import { route } from "@/server/http/route";
import { getTicket } from "@/server/read-models/get-ticket";

const query = z.strictObject({
  minVersion: z.coerce
    .number({ error: "minVersion must be a number." })
    .int({ error: "minVersion must be a whole number." })
    .min(1, { error: "minVersion must be at least 1." })
    .optional(),
});

/** The ticket from its read model; with `minVersion`, only once the read model has caught up. */
export const GET = route<{ ticketId: string }>("read", async ({ request, params }) => {
  const { minVersion } = readQuery(request, query);
  const read = await getTicket(params.ticketId, { minVersion });
  switch (read.state) {
    case "current":
      return Response.json(read.ticket, { headers: { "cache-control": "no-store" } });
    case "behind":
      return Response.json(
        { ticketId: read.ticketId, version: read.version },
        { status: 202, headers: { "retry-after": "1", "cache-control": "no-store" } },
      );
    case "not-found":
      return problem(404, "not-found", "Not found", `Ticket ${params.ticketId} was not found.`);
  }
});
