"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { readAtLeast } from "@/components/read-at-least";

interface Props {
  ticketId: string;
  version: number;
  /** What was written, for the message: "Ticket created", "Status changed"… */
  label: string;
}

/**
 * Shows one write going saved → syncing → up to date. The command returned the version it
 * wrote; this asks the read side for at least that version until it has it, then refreshes the
 * server-rendered views so they show it too.
 */
export function WriteStatus({ ticketId, version, label }: Props) {
  const router = useRouter();
  const { data, error, isPending } = useQuery({
    queryKey: ["ticket-version", ticketId, version],
    queryFn: () => readAtLeast(ticketId, version),
    refetchInterval: (q) => (q.state.data?.state === "current" ? false : 300),
    staleTime: Infinity,
  });
  const current = data?.state === "current";

  useEffect(() => {
    if (current) router.refresh();
  }, [current, router]);

  let text: string;
  let tone: string;
  if (current) {
    text = `${label} · Up to date — every view shows version ${version} (projected ${data.lagMs} ms after saving).`;
    tone =
      "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100";
  } else if (error) {
    text = `${label} · Saved as version ${version}, but its sync could not be checked: ${error.message} Reload to see it.`;
    tone =
      "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100";
  } else {
    const behind =
      data?.state === "behind" && data.version !== null
        ? ` (views show version ${data.version})`
        : "";
    text =
      isPending && !data
        ? `${label} · Saved as version ${version} · Syncing — waiting for the views to catch up…`
        : `${label} · Saved as version ${version} · Syncing — the views are behind${behind}…`;
    tone =
      "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100";
  }

  return (
    <p
      role="status"
      aria-live="polite"
      data-sync-state={current ? "up-to-date" : error ? "unknown" : "syncing"}
      className={`rounded border px-3 py-2 text-sm ${tone}`}
    >
      {text}
    </p>
  );
}
