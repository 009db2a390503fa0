"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { usePollInterval } from "@/components/live-events";
import { cx } from "@/components/ui/class-names";
import {
  progressOf,
  useSlaPolicyStatus,
  type SlaPolicyStatus,
} from "@/components/sla-policy-status";

/**
 * Which SLA policy version the due badges follow, and, while a new one is being applied, that
 * some rows may still show the old one. When it is done (or a newer version appears) the list
 * reads its rows again, so every badge moves to the new targets without a reload.
 */
export function SlaPolicyNote({
  initial,
  className,
}: {
  initial: SlaPolicyStatus;
  className: string;
}) {
  const client = useQueryClient();
  const refresh = useCallback(
    () => void client.invalidateQueries({ queryKey: ["ticket-list"] }),
    [client],
  );
  const { status, applying } = useSlaPolicyStatus(initial, {
    idleMs: usePollInterval(),
    onChange: refresh,
  });
  if (status.version === 0 && !applying) return null;
  const progress = progressOf(status);
  return (
    <p
      data-testid="sla-policy-note"
      data-state={applying ? "recomputing" : "up-to-date"}
      data-version={status.version}
      className={cx(
        className,
        applying
          ? "rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
          : "text-slate-600 dark:text-slate-400",
      )}
    >
      {applying
        ? `Applying SLA policy version ${status.version}: ${
            progress ? `${progress.done} of ${progress.total} clocks recomputed` : "starting"
          }. Due times may still follow the previous version.`
        : `Due times follow SLA policy version ${status.version}.`}
    </p>
  );
}
