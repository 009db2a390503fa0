import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Panel } from "@/components/ui/panel";
import { WriteStatus } from "@/components/write-status";
import { requireUser } from "@/server/auth/require";
import { getTicket } from "@/server/read-models/get-ticket";
import { NotesList } from "@/app/tickets/[ticketId]/_components/notes-list";
import { TicketActions } from "@/app/tickets/[ticketId]/_components/ticket-actions";
import { TicketFacts } from "@/app/tickets/[ticketId]/_components/ticket-facts";
import { TicketWorkspace } from "@/app/tickets/[ticketId]/_components/ticket-workspace";
import { Timeline } from "@/app/tickets/[ticketId]/_components/timeline";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ ticketId: string }>;
}

// One read per request, shared by the metadata and the page; only for someone signed in.
const load = cache(async (ticketId: string) => {
  await requireUser("read", `/tickets/${ticketId}`);
  const read = await getTicket(ticketId);
  if (read.state !== "not-found") return read;
  // Not in the read model. A ticket created a moment ago is worth a short wait (its link may
  // come straight from the create response); an unknown id is answered at once.
  const fresh = await getTicket(ticketId, { minVersion: 1, waitMs: 0 });
  return fresh.state === "behind" ? getTicket(ticketId, { minVersion: 1, waitMs: 2_000 }) : fresh;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const read = await load((await params).ticketId);
  return { title: read.state === "current" ? read.ticket.subject : "Ticket" };
}

export default async function TicketPage({ params }: Props) {
  const { ticketId } = await params;
  const read = await load(ticketId);
  if (read.state === "not-found") notFound();
  if (read.state === "behind") {
    return (
      <div className="grid gap-4">
        <Link href="/tickets" className="text-sm text-blue-700 underline dark:text-blue-300">
          ← Back to tickets
        </Link>
        <h1 className="text-2xl font-semibold">New ticket</h1>
        {/* Refreshes this page once the read side has the ticket. */}
        <WriteStatus ticketId={read.ticketId} version={1} label="Ticket created" />
      </div>
    );
  }
  const { ticket } = read;
  const me = (await requireUser("read")).name;

  // Agents to suggest: me, and everyone this ticket has been assigned to.
  const agents = new Set([me]);
  for (const entry of ticket.history) {
    if (entry.type === "AgentAssigned" && entry.changes.to) agents.add(entry.changes.to);
  }

  return (
    <TicketWorkspace ticketId={ticket.ticketId} me={me} version={ticket.version}>
      <div className="grid gap-6" data-ticket-version={ticket.version}>
        <div>
          <Link
            href="/tickets"
            className="text-sm text-blue-700 underline hover:text-blue-900 dark:text-blue-300 dark:hover:text-blue-200"
          >
            ← Back to tickets
          </Link>
          <h1 className="mt-2 text-2xl font-semibold break-words">{ticket.subject}</h1>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            Opened <RelativeTime iso={ticket.createdAt} /> · updated{" "}
            <RelativeTime iso={ticket.updatedAt} /> · version {ticket.version}
          </p>
        </div>

        <div className="grid gap-6 lg:grid-cols-3">
          <div className="grid min-w-0 content-start gap-6 lg:col-span-2">
            <Panel aria-labelledby="details-heading">
              <h2 id="details-heading" className="sr-only">
                Details
              </h2>
              <TicketFacts
                status={ticket.status}
                priority={ticket.priority}
                assignee={ticket.assignee}
                customer={ticket.customerEmail ?? <span className="italic">No customer email</span>}
              />
            </Panel>

            <Panel aria-labelledby="message-heading">
              <h2 id="message-heading" className="text-base font-semibold">
                Message
              </h2>
              <p className="mt-2 text-sm break-words whitespace-pre-wrap" dir="auto">
                {ticket.message}
              </p>
            </Panel>

            <Panel aria-labelledby="notes-heading">
              <h2 id="notes-heading" className="text-base font-semibold">
                Notes ({ticket.notes.length})
              </h2>
              <div className="mt-2">
                <NotesList notes={ticket.notes} />
              </div>
            </Panel>

            <Panel aria-labelledby="timeline-heading">
              <h2 id="timeline-heading" className="text-base font-semibold">
                Timeline
              </h2>
              <div className="mt-2">
                <Timeline history={ticket.history} />
              </div>
            </Panel>
          </div>

          <aside aria-label="Actions" className="min-w-0">
            <TicketActions
              status={ticket.status}
              priority={ticket.priority}
              assignee={ticket.assignee}
              agents={[...agents]}
            />
          </aside>
        </div>
      </div>
    </TicketWorkspace>
  );
}
