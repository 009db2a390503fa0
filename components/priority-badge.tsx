const tones: Record<string, string> = {
  low: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100",
  normal: "bg-blue-50 text-blue-900 dark:bg-blue-950 dark:text-blue-100",
  high: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-100",
  urgent: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100",
};

/** A ticket's priority as a small labelled chip (the word, not only a colour). */
export function PriorityBadge({ priority }: { priority: string }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${tones[priority] ?? ""}`}>
      {priority}
    </span>
  );
}
