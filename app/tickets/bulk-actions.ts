"use server";

import { serverAction } from "@/server/http/server-action";
import { bulkChangeInput, runBulkChange } from "@/server/tickets/bulk-change";
import { systemContext } from "@/server/tickets/commands/command-options";
import type { BulkActionState, BulkDone } from "@/app/tickets/_components/bulk-types";

const bulkChange = serverAction({
  access: "write",
  schema: bulkChangeInput,
  invalidMessage: "The bulk change is not valid.",
  run: async (input, { actor }): Promise<BulkDone> => {
    const ctx = systemContext(actor);
    const results = await runBulkChange(input, { ctx });
    return { status: "done", results, savedAt: ctx.now.toISOString() };
  },
});

/** Applies one change to many tickets as the signed-in agent; one result per ticket. */
export async function bulkChangeAction(raw: unknown): Promise<BulkActionState> {
  return bulkChange(raw);
}
