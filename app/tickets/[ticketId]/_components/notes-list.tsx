import { RelativeTime } from "@/components/relative-time";
import type { TicketDetail } from "@/server/read-models/ticket-detail/detail-schema";

export function NotesList({ notes }: { notes: TicketDetail["notes"] }) {
  if (notes.length === 0) {
    return <p className="text-sm text-slate-700 dark:text-slate-300">No notes yet.</p>;
  }
  return (
    <ol className="grid gap-3" data-testid="notes">
      {notes.map((note) => (
        <li
          key={note.id}
          className="rounded border border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-950"
        >
          <p className="text-xs text-slate-700 dark:text-slate-300">
            <span className="font-medium text-slate-900 dark:text-slate-100">{note.author}</span> ·{" "}
            <RelativeTime iso={note.createdAt} />
          </p>
          <p className="mt-1 text-sm break-words whitespace-pre-wrap">{note.body}</p>
        </li>
      ))}
    </ol>
  );
}
