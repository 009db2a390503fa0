"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionState } from "@/server/http/action-state";
import { readAtLeast } from "@/components/read-at-least";
import { WriteStatus } from "@/components/write-status";
import { useWorkspace } from "@/app/tickets/[ticketId]/_components/workspace-context";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A refused write's message, a version conflict with its way out, or a write's sync status. */
export function FormFeedback({ state, label }: { state: ActionState; label: string }) {
  const { ticketId } = useWorkspace();
  if (state.status === "saved") {
    return (
      <WriteStatus
        key={`${state.ticketId}:${state.version}`}
        ticketId={ticketId}
        version={state.version}
        label={label}
      />
    );
  }
  if (state.status !== "error") return null;
  if (state.kind === "version-conflict") {
    return <ConflictNotice expected={Number(state.values.expectedVersion)} />;
  }
  // Field errors stand beside their fields; only a refusal without one is shown here.
  const beside = Object.keys(state.fieldErrors).some((f) => f !== "expectedVersion");
  if (state.kind === "validation" && beside) return null;
  return (
    <p role="alert" className="text-sm text-red-700 dark:text-red-400">
      {state.message}
    </p>
  );
}

/**
 * Someone else wrote since this page was rendered. Reload waits until the read side has their
 * change (the write model is at least one version ahead of what was sent), then re-renders.
 */
function ConflictNotice({ expected }: { expected: number }) {
  const { ticketId, pageVersion } = useWorkspace();
  const router = useRouter();
  const [requested, setRequested] = useState(false);
  const [loading, startLoading] = useTransition();
  const reloaded = requested && !loading && pageVersion > expected;

  const reload = () => {
    setRequested(true);
    startLoading(async () => {
      for (let attempt = 0; attempt < 10; attempt++) {
        try {
          if ((await readAtLeast(ticketId, expected + 1)).state === "current") break;
        } catch {
          await sleep(500);
        }
      }
      router.refresh();
    });
  };

  return (
    <div
      role="alert"
      data-testid="version-conflict"
      className="rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
    >
      {reloaded ? (
        <p>
          Reloaded: you now see version {pageVersion}, with their change. Check it, then try again.
        </p>
      ) : (
        <>
          <p>
            <strong>Not saved: someone else changed this ticket</strong> while you were looking at
            it (you had version {expected}). Reload to see their change, then decide again.
          </p>
          <button
            type="button"
            onClick={reload}
            disabled={loading}
            className="mt-2 rounded border border-amber-700 bg-white px-3 py-1 font-medium text-amber-950 hover:bg-amber-100 disabled:opacity-60 dark:border-amber-400 dark:bg-amber-900 dark:text-amber-50 dark:hover:bg-amber-800"
          >
            {loading ? "Reloading…" : "Reload"}
          </button>
        </>
      )}
    </div>
  );
}
