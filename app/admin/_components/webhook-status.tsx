import type { Webhook } from "@/server/webhooks/schemas";

/** An exact time in UTC, as the admin pages write one in a sentence. */
export function utcTime(iso: string): string {
  const exact = new Date(iso).toLocaleString("en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "UTC",
  });
  return `${exact} UTC`;
}

/** Active, off, turned off by the desk (and why), or retrying an event that failed. */
export function WebhookStatus({
  webhook,
}: {
  webhook: Pick<Webhook, "active" | "disabled" | "retry">;
}) {
  const { active, disabled, retry } = webhook;
  if (!active && disabled) {
    return (
      <span data-status="disabled">
        <strong className="font-medium text-red-800 dark:text-red-300">Disabled:</strong>{" "}
        {disabled.reason}
      </span>
    );
  }
  if (!active) return <span data-status="off">Off</span>;
  if (retry) {
    return (
      <span data-status="retrying">
        <strong className="font-medium text-amber-800 dark:text-amber-300">Retrying:</strong>{" "}
        attempt {retry.attempts + 1} at <time dateTime={retry.nextAt}>{utcTime(retry.nextAt)}</time>
        ; last error: {retry.lastError}
      </span>
    );
  }
  return (
    <span data-status="active" className="text-emerald-800 dark:text-emerald-300">
      Active
    </span>
  );
}

/** "All", or the types it is subscribed to. */
export function WebhookTypes({ types }: { types: Webhook["types"] }) {
  if (!types) return <>All</>;
  return (
    <span className="grid gap-0.5">
      {types.map((type) => (
        <code key={type} className="text-xs">
          {type}
        </code>
      ))}
    </span>
  );
}

/** How far behind the feed: events after its position, and the age of the oldest of them. */
export function behindText({ events, seconds }: Webhook["behind"]): string {
  return `${events} ${events === 1 ? "event" : "events"}, ${seconds} s`;
}
