import { RelativeTime } from "@/components/relative-time";
import type { TicketDetail } from "@/server/read-models/ticket-detail/detail-schema";

type Entry = TicketDetail["history"][number];

const TARGET_NAMES: Record<string, string> = {
  firstResponse: "first response",
  nextResponse: "next response",
  resolution: "resolution",
};
const targetName = (target: string | null | undefined) => TARGET_NAMES[target ?? ""] ?? "SLA";
const dueText = (iso: string | null | undefined) =>
  iso ? new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "unknown";

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
    case "AgentAssigned": {
      const name = entry.changes.toName ?? to ?? "someone";
      if (to == null) return "unassigned the ticket";
      return from == null ? `assigned it to ${name}` : `reassigned it to ${name}`;
    }
    case "AssigneeMigrated":
      return `could not link the assignee "${from}" to a person: ${entry.changes.reason}`;
    case "NoteAdded":
      return "added an internal note";
    case "MessageReceived":
      return "received a message from the customer";
    case "ReplySent":
      return "replied to the customer";
    case "TagsChanged": {
      const { added, removed } = entry.changes;
      return [added && `tagged it ${added}`, removed && `removed the tag ${removed}`]
        .filter(Boolean)
        .join(" and ");
    }
    case "FollowUpCreated":
      return "opened a follow-up for the customer's new message";
    case "SlaWarning":
      return `warned: 80% of the ${targetName(entry.changes.target)} time is used (due ${dueText(entry.changes.dueAt)})`;
    case "SlaBreached":
      return `recorded a breach: the ${targetName(entry.changes.target)} target passed (due ${dueText(entry.changes.dueAt)})`;
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
