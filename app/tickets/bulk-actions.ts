"use server";

import { actorOf } from "@/server/auth/types";
import { actionPrincipal } from "@/server/http/authorized-action";
import { fieldErrorsOf } from "@/server/http/validation";
import { bulkChangeInput, runBulkChange } from "@/server/tickets/bulk-change";
import { systemContext } from "@/server/tickets/commands/command-options";
import type { BulkActionState } from "@/app/tickets/_components/bulk-types";

/** Applies one change to many tickets as the signed-in agent; one result per ticket. */
export async function bulkChangeAction(raw: unknown): Promise<BulkActionState> {
  const actor = actorOf(await actionPrincipal("write"));
  const parsed = bulkChangeInput.safeParse(raw);
  if (!parsed.success) {
    return {
      status: "error",
      message: "The bulk change is not valid.",
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  }
  const ctx = systemContext(actor);
  const results = await runBulkChange(parsed.data, { ctx });
  return { status: "done", results, savedAt: ctx.now.toISOString() };
}
