import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/server/auth/require";
import { getCustomer } from "@/server/read-models/customer-detail";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ email: string }>;
}

const load = cache(async (segment: string) => {
  let email = segment;
  try {
    email = decodeURIComponent(segment);
  } catch {
    notFound();
  }
  await requireUser("read", `/customers/${encodeURIComponent(email)}`);
  return getCustomer(email);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const customer = await load((await params).email);
  return { title: customer ? (customer.name ?? customer.email) : "Customer" };
}

/** A customer: who they are, how their tickets stand, and every ticket of theirs, newest first. */
export default async function CustomerPage({ params }: Props) {
  const customer = await load((await params).email);
  if (!customer) notFound();
  const { ticketCounts: counts } = customer;
  const figures = [
    { label: "Open", value: counts.open, status: "open" },
    { label: "Triaged", value: counts.triaged, status: "triaged" },
    { label: "Closed", value: counts.closed, status: "closed" },
  ];
  const listOf = (status: string) =>
    `/tickets?customer=${encodeURIComponent(customer.email)}&status=${status}`;

  return (
    <div className="grid gap-6">
      <div>
        <Link href="/tickets" className="text-sm text-blue-700 underline dark:text-blue-300">
          ← Back to tickets
        </Link>
        <h1 className="mt-2 text-2xl font-semibold break-words">
          {customer.name ?? customer.email}
        </h1>
        <p className="mt-1 text-sm break-all text-slate-700 dark:text-slate-300">
          {customer.email}
        </p>
      </div>

      <Panel aria-labelledby="customer-figures">
        <h2 id="customer-figures" className="sr-only">
          Figures
        </h2>
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-5">
          {figures.map(({ label, value, status }) => (
            <div key={status} data-testid={`customer-${status}`}>
              <dt className="text-slate-700 dark:text-slate-300">{label}</dt>
              <dd className="mt-1 text-xl font-semibold">
                <Link href={listOf(status)} className="underline">
                  {value}
                </Link>
              </dd>
            </div>
          ))}
          <div>
            <dt className="text-slate-700 dark:text-slate-300">First contact</dt>
            <dd className="mt-1">
              <RelativeTime iso={customer.firstContactAt} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-700 dark:text-slate-300">Last contact</dt>
            <dd className="mt-1">
              <RelativeTime iso={customer.lastContactAt} />
            </dd>
          </div>
        </dl>
      </Panel>

      <Panel aria-labelledby="customer-tickets">
        <h2 id="customer-tickets" className="text-base font-semibold">
          Tickets ({customer.tickets.length}), newest first
        </h2>
        <ol className="mt-3 grid gap-2" data-testid="customer-tickets">
          {customer.tickets.map((ticket) => (
            <li
              key={ticket.ticketId}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 pb-2 text-sm last:border-0 dark:border-slate-800"
            >
              <StatusBadge status={ticket.status} />
              <Link
                href={`/tickets/${ticket.ticketId}`}
                className="min-w-0 font-medium break-words text-blue-700 underline dark:text-blue-300"
              >
                {ticket.subject}
              </Link>
              {ticket.awaitingReply ? (
                <span className="text-xs font-medium text-amber-800 dark:text-amber-300">
                  awaiting a reply
                </span>
              ) : null}
              <span className="text-xs text-slate-700 dark:text-slate-300">
                opened <RelativeTime iso={ticket.createdAt} />
              </span>
            </li>
          ))}
        </ol>
      </Panel>
    </div>
  );
}
