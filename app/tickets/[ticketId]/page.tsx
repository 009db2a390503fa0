import type { TicketDetail } from "@/server/read-models/ticket-detail/detail-schema";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Panel } from "@/components/ui/panel";
import { WriteStatus } from "@/components/write-status";
import { requireUser } from "@/server/auth/require";
import { getTicket } from "@/server/read-models/get-ticket";
import { customerHref } from "@/server/read-models/ticket-list/customer-schema";
import { listActivePeople } from "@/server/people/directory";
import { listSavedReplies } from "@/server/saved-replies/list-saved-replies";
import { getSlaPolicyView } from "@/server/sla/policy-view";
import { Composer } from "@/app/tickets/[ticketId]/_components/composer";
import { Conversation } from "@/app/tickets/[ticketId]/_components/conversation";
import { SlaClocks } from "@/app/tickets/[ticketId]/_components/sla-clocks";
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
  const [me, people, savedReplies, slaPolicy] = await Promise.all([
    requireUser("read").then((user) => user.name),
    listActivePeople(),
    listSavedReplies(),
    getSlaPolicyView(),
  ]);
  const customer = ticket.customer;

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
            {ticket.awaitingReply ? (
              <>
                {" "}
                ·{" "}
                <span className="font-medium text-amber-800 dark:text-amber-300">
                  awaiting a reply
                </span>
              </>
            ) : null}
          </p>
          <FollowUpLinks followUpOf={ticket.followUpOf} followUps={ticket.followUps} />
        </div>

        <div className="grid gap-6 lg:grid-cols-3">
          <div className="grid min-w-0 content-start gap-6 lg:col-span-2">
            <Panel aria-labelledby="conversation-heading">
              <h2 id="conversation-heading" className="text-base font-semibold">
                Conversation ({ticket.conversation.length})
              </h2>
              <div className="mt-3">
                <Conversation entries={ticket.conversation} />
              </div>
            </Panel>

            <Composer
              status={ticket.status}
              savedReplies={savedReplies}
              fill={{
                customer: { name: customer?.name ?? null, email: customer?.email ?? null },
                ticket: { subject: ticket.subject },
              }}
              latest={latestPublic(ticket.conversation)}
            />

            <Panel aria-labelledby="timeline-heading">
              <details>
                <summary className="cursor-pointer">
                  <h2 id="timeline-heading" className="inline text-base font-semibold">
                    Timeline of changes ({ticket.history.length})
                  </h2>
                </summary>
                <div className="mt-2">
                  <Timeline history={ticket.history} />
                </div>
              </details>
            </Panel>
          </div>

          <aside aria-label="Ticket properties" className="grid min-w-0 content-start gap-4">
            <Panel aria-labelledby="details-heading">
              <h2 id="details-heading" className="sr-only">
                Details
              </h2>
              <TicketFacts
                status={ticket.status}
                priority={ticket.priority}
                assignee={ticket.assignee}
                customer={
                  customer ? (
                    <Link
                      href={customerHref(customer.email)}
                      className="text-blue-700 underline dark:text-blue-300"
                      data-testid="customer-link"
                    >
                      {customer.name ? `${customer.name} <${customer.email}>` : customer.email}
                    </Link>
                  ) : (
                    <span className="italic">No customer email</span>
                  )
                }
              />
            </Panel>
            <Panel aria-labelledby="sla-heading">
              <h2 id="sla-heading" className="mb-2 text-base font-semibold">
                SLA
              </h2>
              <SlaClocks
                sla={ticket.sla}
                policy={{ version: slaPolicy.version, recompute: slaPolicy.recompute }}
              />
            </Panel>
            <TicketActions
              status={ticket.status}
              priority={ticket.priority}
              assignee={ticket.assignee}
              people={people}
              tags={ticket.tags}
            />
          </aside>
        </div>
      </div>
    </TicketWorkspace>
  );
}

function FollowUpLinks({
  followUpOf,
  followUps,
}: {
  followUpOf: string | null;
  followUps: string[];
}) {
  if (!followUpOf && followUps.length === 0) return null;
  const link = "text-blue-700 underline dark:text-blue-300";
  return (
    <p className="mt-1 text-sm" data-testid="follow-up-links">
      {followUpOf ? (
        <>
          Follow-up of{" "}
          <Link href={`/tickets/${followUpOf}`} className={link} data-testid="follow-up-of">
            the earlier, closed ticket
          </Link>
          .{" "}
        </>
      ) : null}
      {followUps.length > 0 ? (
        <>
          The customer wrote again after it closed:{" "}
          {followUps.map((id, i) => (
            <span key={id}>
              {i > 0 ? ", " : null}
              <Link href={`/tickets/${id}`} className={link} data-testid="follow-up">
                follow-up {i + 1}
              </Link>
            </span>
          ))}
          .
        </>
      ) : null}
    </p>
  );
}

/** The conversation's last public message (the customer's or a reply), for the composer. */
function latestPublic(conversation: TicketDetail["conversation"]) {
  const last = conversation.findLast((e) => e.kind !== "note");
  return last && last.kind !== "note"
    ? { id: last.id, kind: last.kind, author: last.author.name, body: last.body }
    : null;
}
