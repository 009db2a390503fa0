"use client";

import { useSyncExternalStore } from "react";

// One clock for the whole tab, ticking each second while anything shows a countdown: a list of
// a hundred due badges runs one timer, not a hundred, and they all turn over together.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * The time now, to the second, re-rendering every second. Null on the server and while the page
 * hydrates: a countdown depends on the clock that renders it, so it is drawn in the browser only
 * (the server's text would differ from the browser's a moment later).
 */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
}
