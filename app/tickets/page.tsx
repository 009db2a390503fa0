import type { Metadata } from "next";
import { CreateTicketForm } from "@/app/tickets/_components/create-ticket-form";
import { ListFilters } from "@/app/tickets/_components/list-filters";
import { SavedViewsMenu } from "@/app/tickets/_components/saved-views-menu";
import { TicketListView } from "@/app/tickets/_components/ticket-list-view";
import { requireUser } from "@/server/auth/require";
import { actorOf } from "@/server/auth/types";
import { fieldErrorsOf } from "@/server/http/validation";
import type { TicketListPage } from "@/server/read-models/ticket-list/item-schema";
import { listTicketsWithSla } from "@/server/read-models/list-tickets-with-sla";
import { listTicketsQuery } from "@/server/read-models/ticket-list/query";
import { getSlaPolicyView } from "@/server/sla/policy-view";
import { listSavedViews } from "@/server/views/saved-views";

export const metadata: Metadata = { title: "Tickets" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

/** The URL's parameters, one value each. A page position (cursor) is never part of a view. */
function urlParams(searchParams: SearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && key !== "cursor") params[key] = first;
  }
  return params;
}

export default async function TicketsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const actor = actorOf(await requireUser("read", "/tickets"));
  const params = urlParams(await searchParams);
  // `assignee=me` means whoever opens the link, so a shared "mine" view works for every agent.
  const resolved = params.assignee === "me" ? { ...params, assignee: actor.name } : params;
  const parsed = listTicketsQuery.safeParse(resolved);
  const readAt = new Date().toISOString();
  const [page, savedViews, sla] = await Promise.all([
    parsed.success ? listTicketsWithSla(parsed.data) : Promise.resolve<TicketListPage | null>(null),
    listSavedViews(actor.id),
    getSlaPolicyView(),
  ]);
  const apiQuery = new URLSearchParams(resolved).toString();
  const errors = parsed.success ? null : fieldErrorsOf(parsed.error);

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Tickets</h1>
        <SavedViewsMenu views={savedViews} params={params} />
      </div>
      <ListFilters params={params} actorName={actor.name} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        {errors ? (
          <div
            role="alert"
            className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          >
            <p className="font-medium">These filters cannot be applied, so no tickets are shown:</p>
            <ul className="mt-2 list-disc pl-5">
              {Object.entries(errors).map(([field, messages]) => (
                <li key={field}>
                  <code>{field}</code>: {messages.join(" ")}
                </li>
              ))}
            </ul>
            <p className="mt-2">Remove the filter above, or change it, to see the list again.</p>
          </div>
        ) : (
          <TicketListView
            apiQuery={apiQuery}
            initialPage={page ?? { items: [], nextCursor: null }}
            readAt={readAt}
            actorName={actor.name}
            slaStatus={{ version: sla.version, recompute: sla.recompute }}
          />
        )}
        <CreateTicketForm />
      </div>
    </div>
  );
}
