import { readQuery } from "@/server/http/request";
import { route } from "@/server/http/route";
import { listCustomers } from "@/server/read-models/customers/list-customers";
import { listCustomersQuery } from "@/server/read-models/customers/schema";

/** One page of customers from the customers read model, by email; `q` finds them by prefix. */
export const GET = route("read", async ({ request }) => {
  const query = readQuery(request, listCustomersQuery);
  return Response.json(await listCustomers(query), { headers: { "cache-control": "no-store" } });
});
