import { problem } from "@/server/http/problem";
import { route } from "@/server/http/route";
import { getCustomer } from "@/server/read-models/customer-detail";

const EMAIL_MAX = 254;

/** A customer (by email, any case) with their ticket counts, contacts and tickets. */
export const GET = route<{ email: string }>("read", async ({ params }) => {
  // Next.js hands the segment over still percent-encoded when it holds "@".
  let email: string;
  try {
    email = decodeURIComponent(params.email).trim();
  } catch {
    email = "";
  }
  if (email === "" || email.length > EMAIL_MAX || !email.includes("@")) {
    return problem(400, "validation", "Invalid request", "email must be an email address.", {
      errors: { email: ["email must be an email address (at most 254 characters)."] },
    });
  }
  const customer = await getCustomer(email);
  if (!customer) {
    return problem(404, "not-found", "Not found", `No ticket has the customer ${email}.`);
  }
  return Response.json(customer, { headers: { "cache-control": "no-store" } });
});
