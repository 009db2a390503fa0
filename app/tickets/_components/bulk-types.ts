import type { ActionResult } from "@/server/http/action-state";

/** What a bulk change returns to the list: one outcome per ticket, or why nothing ran. */
export interface BulkResult {
  ticketId: string;
  outcome: "applied" | "unchanged" | "rejected";
  reason?: string;
  version?: number;
}

export type BulkChange =
  | { field: "status"; status: string }
  | { field: "assignee"; assignee: string }
  | { field: "priority"; priority: string }
  | { field: "tags"; add: string[]; remove: string[] };

export interface BulkDone {
  status: "done";
  results: BulkResult[];
  savedAt: string;
}

export type BulkActionState = ActionResult<BulkDone>;
