"use client";

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";

interface Viewer {
  name: string;
  typing: boolean;
}

/** Heartbeats while the page is open: others see you within about this long. */
const BEAT_MS = 1_500;

const TypingContext = createContext<(typing: boolean) => void>(() => undefined);

/** The composer says whether its person is typing a reply. */
export const useReportTyping = () => useContext(TypingContext);

/**
 * Who else has this ticket open, and who is typing a reply: a heartbeat every 1.5 s (and at
 * once when typing starts or stops) answers with the others; leaving the page says so at once.
 * Ephemeral: nothing of it is in the ticket's history or the event feed.
 */
export function Presence({ ticketId, children }: { ticketId: string; children: ReactNode }) {
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [typing, setTyping] = useState(false);
  const typingNow = useRef(false);

  useEffect(() => {
    typingNow.current = typing;
    let stopped = false;
    const beat = async (leaving = false) => {
      try {
        const response = await fetch(`/api/tickets/${ticketId}/presence`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ typing: typingNow.current, leaving }),
          keepalive: leaving,
        });
        if (response.ok && !stopped) {
          setViewers(((await response.json()) as { viewers: Viewer[] }).viewers);
        }
      } catch {
        // Offline for a moment: the next beat tries again.
      }
    };
    void beat();
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void beat();
    }, BEAT_MS);
    const leave = () => void beat(true);
    window.addEventListener("pagehide", leave);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
    };
  }, [ticketId, typing]);

  // Leaving the page (not just a change of typing) tells the others at once.
  useEffect(
    () => () => {
      void fetch(`/api/tickets/${ticketId}/presence`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ leaving: true }),
        keepalive: true,
      }).catch(() => undefined);
    },
    [ticketId],
  );

  const replying = viewers.filter((v) => v.typing);
  return (
    <TypingContext value={setTyping}>
      <p
        role="status"
        aria-live="polite"
        data-testid="presence"
        className={
          viewers.length > 0
            ? "mb-2 rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
            : "sr-only"
        }
      >
        {viewers.length > 0 ? (
          <>
            Also on this ticket: {viewers.map((v) => v.name).join(", ")}
            {replying.length > 0 ? (
              <span data-testid="presence-typing" className="font-medium">
                {" "}
                · {replying.map((v) => v.name).join(", ")} {replying.length > 1 ? "are" : "is"}{" "}
                replying…
              </span>
            ) : null}
          </>
        ) : null}
      </p>
      {children}
    </TypingContext>
  );
}
