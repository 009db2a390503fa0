import type { Metadata } from "next";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/server/auth/require";
import { FEED_TYPE_NAMES } from "@/server/events/event";
import { listWebhooks } from "@/server/webhooks/manage";
import { WebhookForm } from "@/app/admin/_components/webhook-form";
import { WebhooksTable } from "@/app/admin/_components/webhooks-table";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({
  searchParams,
}: {
  searchParams: Promise<{ deleted?: string }>;
}) {
  await requireUser("admin", "/admin/webhooks");
  const [webhooks, { deleted }] = await Promise.all([listWebhooks(), searchParams]);
  return (
    <div className="grid grid-cols-1 gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          The desk POSTs each event of the feed to every active subscription, in order, signed with
          the subscription&apos;s secret (Standard Webhooks: <code>webhook-id</code>,{" "}
          <code>webhook-timestamp</code>, <code>webhook-signature</code>). A subscription starts
          with the events after it was made; failed deliveries are retried for up to three days.
        </p>
      </div>
      {deleted ? (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          Deleted the subscription and its attempts log.
        </p>
      ) : null}
      <Panel aria-labelledby="new-webhook">
        <h2 id="new-webhook" className="mb-3 text-lg font-semibold">
          New subscription
        </h2>
        <WebhookForm typeNames={FEED_TYPE_NAMES} />
      </Panel>
      <section aria-labelledby="all-webhooks">
        <h2 id="all-webhooks" className="mb-3 text-lg font-semibold">
          Subscriptions ({webhooks.length})
        </h2>
        <WebhooksTable webhooks={webhooks} />
      </section>
    </div>
  );
}
