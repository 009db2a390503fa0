"use server";

import { currentActor } from "@/server/auth/current-actor";
import { fieldErrorsOf } from "@/server/http/validation";
import { bulkChangeInput, runBulkChange } from "@/server/tickets/bulk-change";
import { systemContext } from "@/server/tickets/commands/command-options";
import type { BulkActionState } from "@/app/tickets/_components/bulk-types";

/** Applies one change to many tickets as the signed-in agent; one result per ticket. */
export async function bulkChangeAction(raw: unknown): Promise<BulkActionState> {
  const parsed = bulkChangeInput.safeParse(raw);
  if (!parsed.success) {
    return {
      status: "error",
      message: "The bulk change is not valid.",
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  }
  const ctx = systemContext(await currentActor("web"));
  const results = await runBulkChange(parsed.data, { ctx });
  return { status: "done", results, savedAt: ctx.now.toISOString() };
}
