const tones: Record<string, string> = {
  open: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-100",
  triaged: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
  closed: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-100",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${tones[status] ?? ""}`}>
      {status}
    </span>
  );
}
