import type { ObjectId } from "mongodb";
import { getCollections, reportDatabaseOutcome } from "@/server/db/client";
import { env } from "@/server/env";
import { onNudge } from "@/server/projections/nudge";
import { Projector } from "@/server/projections/projector";

// One projector per process, kept on globalThis so dev-mode module reloads do not start more.
const holder = globalThis as typeof globalThis & {
  __supportDeskProjector?: { projector: Projector; running: boolean };
};

function instance() {
  holder.__supportDeskProjector ??= {
    projector: new Projector({
      collections: getCollections,
      onDatabaseOutcome: reportDatabaseOutcome,
      delayMs: env.PROJECTION_DELAY_MS,
      pollMs: env.PROJECTOR_POLL_MS,
    }),
    running: false,
  };
  return holder.__supportDeskProjector;
}

/** Makes commands in this process wake (or stand in for) its projector. */
export function registerNudge(): void {
  onNudge(nudgeProjector);
}

/** Starts this process's polling projector (idempotent). */
export function startProjector(): Projector {
  const current = instance();
  if (!current.running) {
    current.projector.start();
    current.running = true;
  }
  return current.projector;
}

/**
 * Called right after a command's write. With a projector in this process it wakes it; without
 * one it projects this ticket directly, in the background, as a best effort. Either way the
 * queue entry and the ticket's marker make sure some projector gets to it.
 */
function nudgeProjector(ticketId: ObjectId): void {
  const current = instance();
  if (current.running) {
    current.projector.nudge();
    return;
  }
  // Scripts (seeding, benchmarks) only queue; a projector elsewhere does the work.
  if (!process.env.NEXT_RUNTIME) return;
  void getCollections()
    .then((cols) => current.projector.processEntry(cols, ticketId))
    .catch(() => undefined);
}
