import { route } from "@/server/http/route";
import { listActivePeople } from "@/server/people/directory";

/** Everyone active, by name, for pickers: ids, names and roles only. */
export const GET = route("read", async () =>
  Response.json({ items: await listActivePeople() }, { headers: { "cache-control": "no-store" } }),
);
