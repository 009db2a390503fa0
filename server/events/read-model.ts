import { pruneEvents } from "@/server/events/retention";
import { feedUnsettled, sequenceEvents } from "@/server/events/sequence";
import { stageEvents } from "@/server/events/stage";
import { feedVerifier } from "@/server/events/verify";
import type { ReadModel } from "@/server/read-models/read-model";

const DAY = 86_400_000;

/**
 * The event feed as the projector machinery sees it: projection stages the events, settling
 * numbers them, the sweep prunes them (EVENTS_RETENTION_DAYS). Its collections are not the
 * generation's (none listed here): a rebuild projects into it too, and finds every version
 * already there, so positions never change.
 */
export const eventFeedReadModel: ReadModel = {
  name: "event feed",
  collections: {},
  projectsLast: true,
  project: (target, ticket) => stageEvents(target.db, [ticket]),
  // Batches (catch-up, rebuild) number what they staged at once, as the dashboard aggregates.
  projectMany: async (target, tickets) => {
    await stageEvents(target.db, tickets);
    await sequenceEvents(target.db);
  },
  settle: async (target) => {
    await sequenceEvents(target.db);
  },
  unsettled: (target) => feedUnsettled(target.db),
  maintain: async (target, now) => {
    // Read when needed, not on import: the registry is imported before a test sets the
    // environment (and env is parsed once, when first imported).
    const { env } = await import("@/server/env");
    if (env.EVENTS_RETENTION_DAYS === undefined) return;
    await pruneEvents(target.db, new Date(now.getTime() - env.EVENTS_RETENTION_DAYS * DAY));
  },
  verifier: (target) => feedVerifier(target.db),
};
