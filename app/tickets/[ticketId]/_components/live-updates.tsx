"use client";

import { usePollInterval } from "@/components/live-events";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useWorkspace } from "@/app/tickets/[ticketId]/_components/workspace-context";

async function readVersion(ticketId: string): Promise<number | null> {
  const response = await fetch(`/api/tickets/${ticketId}`, { cache: "no-store" });
  if (!response.ok) return null;
  const body = (await response.json()) as { version: number };
  return body.version;
}

/**
 * Reads the ticket's version on every pushed change to it (polled every second when changes are
 * not pushed). When it holds a newer version than the page shows,
 * the page is re-rendered on the server; when that version is newer than anything this browser
 * wrote, someone else changed the ticket, and screen readers hear about it.
 */
export function LiveUpdates() {
  const { ticketId, pageVersion, knownVersion } = useWorkspace();
  const router = useRouter();
  const pollMs = usePollInterval();
  const seen = useRef({ pageVersion, knownVersion, refreshedFor: 0 });
  const [note, setNote] = useState("");

  useEffect(() => {
    seen.current.pageVersion = pageVersion;
    seen.current.knownVersion = knownVersion;
  }, [pageVersion, knownVersion]);

  useQuery({
    queryKey: ["ticket-live", ticketId],
    queryFn: async () => {
      const latest = await readVersion(ticketId);
      const known = seen.current;
      if (latest !== null && latest > known.pageVersion && latest > known.refreshedFor) {
        known.refreshedFor = latest;
        if (latest > known.knownVersion) {
          setNote(`Updated by someone else just now: this page now shows version ${latest}.`);
        }
        router.refresh();
      }
      return latest;
    },
    refetchInterval: pollMs,
    staleTime: 0,
  });

  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="live-update"
      className={
        note
          ? "rounded border border-violet-300 bg-violet-50 px-3 py-2 text-sm text-violet-900 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100"
          : "sr-only"
      }
    >
      {note}
    </p>
  );
}
