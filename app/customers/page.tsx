import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/server/auth/require";
import { fieldErrorsOf } from "@/server/http/validation";
import { listCustomers } from "@/server/read-models/customers/list-customers";
import { listCustomersQuery, type CustomerPage } from "@/server/read-models/customers/schema";
import { customerHref } from "@/server/read-models/ticket-list/customer-schema";
import { ValidationError } from "@/server/tickets/domain/errors";

export const metadata: Metadata = { title: "Customers" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Everyone who has written to the desk, by email; the search finds them by email or name. */
export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireUser("read", "/customers");
  const params = await searchParams;
  const q = first(params.q) ?? "";
  const parsed = listCustomersQuery.safeParse({
    q,
    ...(first(params.cursor) && { cursor: first(params.cursor) }),
  });
  let page: CustomerPage | null = null;
  let errors = parsed.success ? null : fieldErrorsOf(parsed.error);
  if (parsed.success) {
    try {
      page = await listCustomers(parsed.data);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = error.fieldErrors;
    }
  }
  const next = page?.nextCursor
    ? `/customers?${new URLSearchParams({ ...(q && { q }), cursor: page.nextCursor })}`
    : null;

  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">Customers</h1>
      <form role="search" action="/customers" className="flex flex-wrap items-end gap-3">
        <Field
          id="customer-q"
          name="q"
          type="search"
          label="Find a customer"
          defaultValue={q}
          placeholder="Email or name, from the start of a word"
          errors={errors ?? undefined}
          className="min-w-64 flex-1"
        />
        <Button type="submit" size="md">
          Search
        </Button>
      </form>
      {errors && !errors.q ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {Object.values(errors).flat().join(" ")}{" "}
          <Link href="/customers" className="underline">
            Start again
          </Link>
        </p>
      ) : null}
      {page ? (
        <Panel aria-labelledby="customers-found">
          <h2 id="customers-found" className="sr-only">
            Customers found
          </h2>
          {page.items.length === 0 ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              {q ? `No customer's email or name begins with “${q}”.` : "No customers yet."}
            </p>
          ) : (
            <table className="w-full text-left text-sm" data-testid="customer-list">
              <thead className="text-slate-700 dark:text-slate-300">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Customer
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Open
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Triaged
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Closed
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    Last contact
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((c) => (
                  <tr key={c.email} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="py-2 pr-3">
                      <Link
                        href={customerHref(c.email)}
                        className="font-medium break-words text-blue-700 underline dark:text-blue-300"
                      >
                        {c.name ?? c.email}
                      </Link>
                      {c.name ? (
                        <span className="block text-xs break-all text-slate-700 dark:text-slate-300">
                          {c.email}
                        </span>
                      ) : null}
                    </td>
                    <td className="py-2 pr-3">{c.ticketCounts.open}</td>
                    <td className="py-2 pr-3">{c.ticketCounts.triaged}</td>
                    <td className="py-2 pr-3">{c.ticketCounts.closed}</td>
                    <td className="py-2">
                      <RelativeTime iso={c.lastContactAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {next ? (
            <Link href={next} className="mt-3 inline-block text-sm text-blue-700 underline">
              Next page
            </Link>
          ) : null}
        </Panel>
      ) : null}
    </div>
  );
}
