import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import { behindText, WebhookStatus, WebhookTypes } from "@/app/admin/_components/webhook-status";
import type { Webhook } from "@/server/webhooks/schemas";

const cell = "px-3 py-2 align-top";

/** Every subscription, oldest first: where it delivers, what, and how it is doing. */
export function WebhooksTable({ webhooks }: { webhooks: Webhook[] }) {
  if (webhooks.length === 0) {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300">No webhook subscriptions yet.</p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-700 dark:border-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className={cell}>
              URL
            </th>
            <th scope="col" className={cell}>
              Description
            </th>
            <th scope="col" className={cell}>
              Types
            </th>
            <th scope="col" className={cell}>
              Status
            </th>
            <th scope="col" className={cell}>
              Position
            </th>
            <th scope="col" className={cell}>
              Behind
            </th>
            <th scope="col" className={cell}>
              Last delivered
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {webhooks.map((w) => (
            <tr key={w.id} data-webhook={w.url}>
              <td className={`${cell} max-w-xs break-all`}>
                <Link
                  href={`/admin/webhooks/${w.id}`}
                  className="text-blue-700 underline hover:no-underline dark:text-blue-300"
                >
                  {w.url}
                </Link>
              </td>
              <td className={`${cell} break-words`}>{w.description}</td>
              <td className={cell}>
                <WebhookTypes types={w.types} />
              </td>
              <td className={`${cell} min-w-40`}>
                <WebhookStatus webhook={w} />
              </td>
              <td className={`${cell} tabular-nums`}>{w.position}</td>
              <td className={`${cell} whitespace-nowrap tabular-nums`}>{behindText(w.behind)}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {w.lastDeliveredAt ? <RelativeTime iso={w.lastDeliveredAt} /> : "never"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
