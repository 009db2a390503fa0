"use client";

import { useActionState } from "react";
import { idleState } from "@/components/idle-state";
import type { ActionState } from "@/server/http/action-state";
import {
  useWorkspace,
  type PendingField,
} from "@/app/tickets/[ticketId]/_components/workspace-context";

/** A form field as text ("" when absent or a file). */
export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

type Action = (ticketId: string, previous: ActionState, form: FormData) => Promise<ActionState>;

/**
 * `useActionState` for one ticket form: runs the server action for this ticket and, when it
 * saves, records the version it returned (and what it changed) so the next form expects it.
 */
export function useTicketAction(
  action: Action,
  changed: (form: FormData) => Partial<Record<PendingField, string | null>> = () => ({}),
) {
  const { ticketId, recordSaved, inTurn } = useWorkspace();
  return useActionState(
    (previous: ActionState, form: FormData) =>
      inTurn(async (expectedVersion) => {
        form.set("expectedVersion", String(expectedVersion));
        const result = await action(ticketId, previous, form);
        if (result.status === "saved") recordSaved(result.version, changed(form));
        return result;
      }),
    idleState,
  );
}
