import { RelativeTime } from "@/components/relative-time";
import type { TicketDetail } from "@/server/read-models/ticket-detail/detail-schema";

type Entry = TicketDetail["history"][number];

/** One history entry in words. */
function describe(entry: Entry): string {
  const { from, to } = entry.changes;
  switch (entry.type) {
    case "TicketCreated":
      return `created the ticket with ${entry.changes.priority ?? "normal"} priority`;
    case "StatusChanged":
      return `changed the status from ${from} to ${to}`;
    case "PriorityChanged":
      return `set the priority from ${from} to ${to}`;
    case "AgentAssigned":
      if (to == null) return `unassigned ${from ?? "the ticket"}`;
      if (from == null) return `assigned it to ${to}`;
      return `reassigned it from ${from} to ${to}`;
    case "NoteAdded":
      return "added a note";
  }
}

/** Everything that happened to the ticket, oldest first, from the detail read model. */
export function Timeline({ history }: { history: Entry[] }) {
  return (
    <ol className="grid gap-3" data-testid="timeline">
      {history.map((entry) => (
        <li
          key={entry.version}
          data-version={entry.version}
          data-type={entry.type}
          className="border-l-2 border-slate-300 pl-3 text-sm dark:border-slate-700"
        >
          <span className="font-medium">{entry.actor}</span> {describe(entry)}
          <span className="block text-xs text-slate-700 dark:text-slate-300">
            <RelativeTime iso={entry.at} /> · version {entry.version}
          </span>
        </li>
      ))}
    </ol>
  );
}
