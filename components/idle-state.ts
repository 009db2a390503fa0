import type { ActionIdle } from "@/server/http/action-state";

/** The state of a form bound to a server action before its first submission. */
export const idleState: ActionIdle = { status: "idle" };
