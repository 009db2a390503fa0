import { AdminButtonForm } from "@/app/admin/_components/admin-button-form";
import { utcTime } from "@/app/admin/_components/webhook-status";
import { redeliverWebhookEventAction } from "@/app/admin/webhook-actions";
import type { Attempt } from "@/server/webhooks/schemas";

const cell = "px-3 py-2 align-top";

/** The last attempts, newest first; each event can be sent again from its row. */
export function WebhookAttempts({
  webhookId,
  attempts,
}: {
  webhookId: string;
  attempts: Attempt[];
}) {
  if (attempts.length === 0) {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Nothing has been sent yet. Events are sent as they happen from the moment of subscribing.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-700 dark:border-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className={cell}>
              Time
            </th>
            <th scope="col" className={cell}>
              Event
            </th>
            <th scope="col" className={cell}>
              Attempt
            </th>
            <th scope="col" className={cell}>
              Status
            </th>
            <th scope="col" className={cell}>
              Duration
            </th>
            <th scope="col" className={cell}>
              Error
            </th>
            <th scope="col" className={cell}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {attempts.map((a, index) => (
            <tr
              key={`${a.at}-${a.eventId}-${a.attempt}-${index}`}
              data-attempt-event={a.eventId}
              data-attempt-ok={String(a.ok)}
            >
              <td className={`${cell} whitespace-nowrap`}>
                <time dateTime={a.at}>{utcTime(a.at)}</time>
              </td>
              <td className={cell}>
                <code className="break-all">{a.eventId}</code>{" "}
                <span className="whitespace-nowrap text-slate-700 dark:text-slate-300">
                  at position {a.position}
                </span>
              </td>
              <td className={`${cell} tabular-nums`}>#{a.attempt}</td>
              <td
                className={`${cell} tabular-nums ${a.ok ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}
                data-testid="attempt-status"
              >
                {a.status ?? "none"}
              </td>
              <td className={`${cell} whitespace-nowrap tabular-nums`}>{a.durationMs} ms</td>
              <td className={`${cell} break-words`}>{a.error ?? ""}</td>
              <td className={cell}>
                <AdminButtonForm
                  action={redeliverWebhookEventAction}
                  label={`Redeliver ${a.eventId}`}
                  fields={{ id: webhookId, position: String(a.position) }}
                >
                  Redeliver <span className="sr-only">{a.eventId}</span>
                </AdminButtonForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
