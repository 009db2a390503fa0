"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

/** What GET /api/sla says about the policy in force and the recompute it started. */
export interface SlaPolicyStatus {
  version: number;
  recompute: {
    policyVersion: number;
    done: number;
    total: number;
    startedAt: string;
    finishedAt: string | null;
  } | null;
}

/**
 * Whether the clocks are still being recomputed for the policy in force: its job has not
 * started yet (the projector picks a new version up on its next round) or has not finished.
 */
function isApplying(status: SlaPolicyStatus): boolean {
  const job = status.recompute;
  if (status.version === 0) return job !== null && job.finishedAt === null;
  return job === null || job.policyVersion < status.version || job.finishedAt === null;
}

/** The recompute's progress for the policy in force, when its job is the one running. */
export function progressOf(status: SlaPolicyStatus) {
  const job = status.recompute;
  return job && job.policyVersion === status.version ? job : null;
}

/** Every second while a recompute runs, for this long at most; then as when idle. */
const FAST_MS = 10 * 60_000;

async function readStatus(signal: AbortSignal): Promise<SlaPolicyStatus> {
  const response = await fetch("/api/sla", { cache: "no-store", signal });
  if (!response.ok) throw new Error(`The SLA policy could not be read (HTTP ${response.status}).`);
  const body = (await response.json()) as SlaPolicyStatus;
  return { version: body.version, recompute: body.recompute };
}

/**
 * The SLA policy's version and recompute, read from GET /api/sla: every second while clocks are
 * being recomputed (for ten minutes at most, so a page left open does not poll forever), every
 * `idleMs` otherwise. `onChange` runs when a newer policy shows up or a recompute finishes: the
 * moment the clocks a screen shows have moved. A new `key` is a new watch (a save on this page);
 * mount it anew with it, so the ten minutes start again.
 */
export function useSlaPolicyStatus(
  initial: SlaPolicyStatus,
  {
    idleMs,
    key = "page",
    onChange,
  }: { idleMs: number | false; key?: string | number; onChange?: () => void },
) {
  const [since] = useState(() => Date.now());
  const query = useQuery({
    queryKey: ["sla-policy", key],
    queryFn: ({ signal }) => readStatus(signal),
    initialData: initial,
    // What the page was rendered with is fresh: the first read comes a second later, so a
    // "recomputing" state is on screen for at least that long.
    initialDataUpdatedAt: () => Date.now(),
    staleTime: 1_000,
    refetchInterval: (q) =>
      isApplying(q.state.data ?? initial) && Date.now() - since < FAST_MS ? 1_000 : idleMs,
    gcTime: 0,
  });
  const status = query.data;
  const seen = useRef(status);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);
  useEffect(() => {
    const before = seen.current;
    seen.current = status;
    const newer = status.version !== before.version;
    const finished = isApplying(before) && !isApplying(status);
    if (newer || finished) changed.current?.();
  }, [status]);
  return {
    status,
    applying: isApplying(status),
    /** The fast reads ran out while it was still recomputing. */
    gaveUp: isApplying(status) && query.dataUpdatedAt - since >= FAST_MS,
    error: query.error,
  };
}
