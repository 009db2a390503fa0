import { RelativeTime } from "@/components/relative-time";
import { cx } from "@/components/ui/class-names";
import type { TicketDetail } from "@/server/read-models/ticket-detail/detail-schema";

type Entry = TicketDetail["conversation"][number];

const look: Record<Entry["kind"], { label: string; card: string }> = {
  customer: {
    label: "Customer",
    card: "mr-8 border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-950",
  },
  reply: {
    label: "Reply",
    card: "ml-8 border-blue-200 bg-blue-50 dark:border-blue-900 dark:bg-blue-950",
  },
  note: {
    label: "Internal note",
    card: "border-dashed border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950",
  },
};

/**
 * The ticket's conversation in time order: the customer's messages and agents' replies read as a
 * thread (the customer's on the left, replies on the right); internal notes sit between them,
 * dashed and amber, labelled "internal".
 */
export function Conversation({ entries }: { entries: Entry[] }) {
  return (
    <ol className="grid gap-3" data-testid="conversation" aria-label="Conversation">
      {entries.map((entry) => {
        const { label, card } = look[entry.kind];
        return (
          <li
            key={entry.id}
            data-kind={entry.kind}
            className={cx("rounded-lg border p-3", card)}
            aria-label={`${label} from ${entry.author.name}`}
          >
            <p className="flex flex-wrap items-center gap-x-2 text-xs text-slate-700 dark:text-slate-300">
              <span className="font-medium text-slate-900 dark:text-slate-100">
                {entry.author.name}
              </span>
              {entry.kind === "customer" &&
              entry.author.email &&
              entry.author.email !== entry.author.name ? (
                <span className="break-all">&lt;{entry.author.email}&gt;</span>
              ) : null}
              <span aria-hidden="true">·</span>
              {entry.kind === "note" ? (
                <span className="rounded bg-amber-200 px-1.5 font-semibold text-amber-950 uppercase dark:bg-amber-800 dark:text-amber-50">
                  Internal
                </span>
              ) : (
                <span>{label}</span>
              )}
              <span aria-hidden="true">·</span>
              <RelativeTime iso={entry.at} />
            </p>
            <p className="mt-1 text-sm break-words whitespace-pre-wrap" dir="auto">
              {entry.body}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
