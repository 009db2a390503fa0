import type { Metadata } from "next";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { listTickets } from "@/server/tickets/queries/ticket-list/list-tickets";
import { CreateTicketForm } from "@/app/tickets/_components/create-ticket-form";

export const metadata: Metadata = { title: "Tickets" };
export const dynamic = "force-dynamic";

export default async function TicketsPage() {
  const readAt = new Date().toISOString();
  const page = await listTickets({ limit: 50 });

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Tickets</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Read model as of <RelativeTime iso={readAt} />
        </p>
      </div>
      <CreateTicketForm />
      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="sr-only">
          Newest tickets
        </h2>
        {page.items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400">
            No tickets yet. Create the first one above.
          </p>
        ) : (
          <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {page.items.map((t) => (
              <li
                key={t.ticketId}
                data-ticket-id={t.ticketId}
                data-version={t.version}
                className="p-4"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{t.subject}</span>
                  <StatusBadge status={t.status} />
                  {t.hasNote ? (
                    <span className="rounded bg-violet-100 px-2 py-0.5 text-xs text-violet-900 dark:bg-violet-950 dark:text-violet-100">
                      {t.noteCount} {t.noteCount === 1 ? "note" : "notes"}
                    </span>
                  ) : null}
                  <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">
                    Updated <RelativeTime iso={t.updatedAt} />
                  </span>
                </div>
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t.preview}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
