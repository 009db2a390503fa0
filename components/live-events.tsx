"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

const LiveContext = createContext({ connected: false });

/** Events that arrive together are applied together: at most one refresh per this many ms. */
const BATCH_MS = 100;
/** How long a dropped stream may take to come back before the views fall back to polling. */
const GRACE_MS = 3_000;
/** While changes are pushed, live views still poll this often, in case. */
const BACKSTOP_MS = 30_000;

/**
 * One Server-Sent Events connection per tab to the event feed (/api/events/stream). Each event
 * refreshes what shows its ticket: the ticket's page, every loaded list page, the dashboard.
 * The browser reconnects by itself after a drop and sends Last-Event-ID, so the server resumes
 * after the last event this tab saw. While it is connected, the live views poll only as a
 * backstop; while it is not (SSE blocked, signed out, the server away), they poll every second.
 */
export function LiveEvents({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource("/api/events/stream?status=true");
    let tickets = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      const changed = tickets;
      tickets = new Set();
      for (const id of changed) void client.invalidateQueries({ queryKey: ["ticket-live", id] });
      void client.invalidateQueries({ queryKey: ["ticket-list"] });
      void client.invalidateQueries({ queryKey: ["dashboard-snapshot"] });
    };
    // A stream that ends is reopened at once (the server ends each after a while): only one
    // that stays closed for GRACE_MS counts as lost, and then the views poll.
    let lost: ReturnType<typeof setTimeout> | null = null;
    // The stream starts from now: what changed since the page was rendered (or while the stream
    // was lost) is read once when it opens. A reopened stream resumes by itself (Last-Event-ID).
    let behind = true;
    source.onopen = () => {
      if (lost) clearTimeout(lost);
      lost = null;
      if (behind) {
        behind = false;
        void client.invalidateQueries({ queryKey: ["ticket-live"] });
        void client.invalidateQueries({ queryKey: ["ticket-list"] });
        void client.invalidateQueries({ queryKey: ["dashboard-snapshot"] });
      }
      setConnected(true);
    };
    source.onerror = () => {
      lost ??= setTimeout(() => {
        lost = null;
        if (source.readyState === EventSource.OPEN) return;
        behind = true;
        setConnected(false);
      }, GRACE_MS);
    };
    // The projector's pending count: a change made elsewhere shows as syncing at once, and the
    // dashboard reads again when it is done, without polling every second meanwhile.
    source.addEventListener("status", () => {
      void client.invalidateQueries({ queryKey: ["dashboard-snapshot"] });
    });
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as { ticketId: string };
      tickets.add(event.ticketId);
      timer ??= setTimeout(refresh, BATCH_MS);
    };
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
      if (lost) clearTimeout(lost);
      setConnected(false);
    };
  }, [client, enabled]);

  return (
    <LiveContext value={{ connected }}>
      <span data-testid="live-status" data-live={connected ? "pushed" : "polling"} hidden>
        {connected
          ? "Changes are pushed to this page."
          : "This page checks for changes every second."}
      </span>
      {children}
    </LiveContext>
  );
}

/** Whether changes are being pushed to this tab. */
const useLiveEvents = () => useContext(LiveContext);

/** How often a live view polls: every second without pushed changes, rarely with them. */
export function usePollInterval(): number {
  return useLiveEvents().connected ? BACKSTOP_MS : 1_000;
}
