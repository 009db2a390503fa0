import type { ObjectId } from "mongodb";

type Nudge = (ticketId: ObjectId) => void;

// On globalThis: Next.js may load this module more than once (instrumentation and routes).
const holder = globalThis as typeof globalThis & { __supportDeskNudge?: Nudge };

/**
 * The seam between commands and the projector: a command that wrote calls `nudge`, and the
 * process's projector (server/projections/runtime.ts) registers what that does. Without one
 * (scripts: seeding, benchmarks) a nudge does nothing and the queue alone carries the work.
 * Commands thereby never import the projector, which may itself issue commands (follow-up links).
 */
export function onNudge(handler: Nudge): void {
  holder.__supportDeskNudge = handler;
}

export function nudge(ticketId: ObjectId): void {
  holder.__supportDeskNudge?.(ticketId);
}
