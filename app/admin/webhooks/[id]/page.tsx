import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/server/auth/require";
import { FEED_TYPE_NAMES } from "@/server/events/event";
import { getWebhook } from "@/server/webhooks/manage";
import { WebhookNotFoundError } from "@/server/webhooks/errors";
import { WebhookAttempts } from "@/app/admin/_components/webhook-attempts";
import { WebhookDeleteForm } from "@/app/admin/_components/webhook-delete-form";
import { WebhookForm } from "@/app/admin/_components/webhook-form";
import { WebhookReplayForm } from "@/app/admin/_components/webhook-replay-form";
import { WebhookSecretForm } from "@/app/admin/_components/webhook-secret-form";
import {
  behindText,
  utcTime,
  WebhookStatus,
  WebhookTypes,
} from "@/app/admin/_components/webhook-status";

export const metadata: Metadata = { title: "Webhook subscription" };

async function load(id: string) {
  try {
    return await getWebhook(id);
  } catch (error) {
    if (error instanceof WebhookNotFoundError) notFound();
    throw error;
  }
}

export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser("admin", `/admin/webhooks/${id}`);
  const webhook = await load(id);
  const facts: [string, ReactNode][] = [
    ["Status", <WebhookStatus key="status" webhook={webhook} />],
    ["Types", <WebhookTypes key="types" types={webhook.types} />],
    ["Position", webhook.position],
    ["Behind", behindText(webhook.behind)],
    [
      "Last delivered",
      webhook.lastDeliveredAt ? <RelativeTime key="last" iso={webhook.lastDeliveredAt} /> : "never",
    ],
    [
      "Secret",
      webhook.previousSecretExpiresAt
        ? `rotated; the old one also signs until ${utcTime(webhook.previousSecretExpiresAt)}`
        : webhook.secretRotatedAt
          ? `rotated ${utcTime(webhook.secretRotatedAt)}`
          : "the one shown when it was made",
    ],
    ["Updated", `by ${webhook.updatedBy}, ${utcTime(webhook.updatedAt)}`],
  ];
  return (
    <div className="grid grid-cols-1 gap-6">
      <div>
        <p className="text-sm">
          <Link href="/admin/webhooks" className="text-blue-700 underline dark:text-blue-300">
            ← Webhooks
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold break-all">{webhook.url}</h1>
        {webhook.description ? (
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{webhook.description}</p>
        ) : null}
        <dl
          data-testid="webhook-facts"
          className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]"
        >
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium">{term}</dt>
              <dd className="text-slate-700 dark:text-slate-300">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <Panel aria-labelledby="settings">
        <h2 id="settings" className="mb-3 text-lg font-semibold">
          Settings
        </h2>
        <WebhookForm webhook={webhook} typeNames={FEED_TYPE_NAMES} />
      </Panel>
      <div className="grid gap-6 md:grid-cols-2">
        <Panel aria-labelledby="replay">
          <h2 id="replay" className="mb-1 text-lg font-semibold">
            Replay from
          </h2>
          <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">
            Sends every event from a position (or from the first at or after a time) again, in
            order; the one being retried is dropped.
          </p>
          <WebhookReplayForm webhookId={webhook.id} />
        </Panel>
        <Panel aria-labelledby="secret-and-delete">
          <h2 id="secret-and-delete" className="mb-1 text-lg font-semibold">
            Secret and deletion
          </h2>
          <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">
            A new secret is shown once; the old one keeps signing beside it for 24 hours, so the
            receiver can switch over.
          </p>
          <div className="grid gap-3">
            <WebhookSecretForm webhookId={webhook.id} />
            <WebhookDeleteForm webhookId={webhook.id} />
          </div>
        </Panel>
      </div>
      <section aria-labelledby="attempts">
        <h2 id="attempts" className="mb-3 text-lg font-semibold">
          Last attempts ({webhook.attempts?.length ?? 0}, newest first)
        </h2>
        <WebhookAttempts webhookId={webhook.id} attempts={webhook.attempts ?? []} />
      </section>
    </div>
  );
}
