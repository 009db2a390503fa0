// Pure and free of server-only imports: the dashboard page and the test that proves each link
// selects exactly what its number counts share it.
import type { SlaDashboard } from "@/server/read-models/sla/schema";

type ListParams = Record<string, string>;

interface Linked {
  value: number;
  params: ListParams;
}

type Figures = SlaDashboard["targets"]["firstResponse"];
type Target = keyof SlaDashboard["targets"];

const ACTIVE = "open,triaged";

/** One target's met and breached numbers, each linked to the list of exactly those tickets. */
function outcomeLinks(target: Target, window: SlaDashboard["window"], extra: ListParams) {
  const days = { slaTarget: target, slaFrom: window.from, slaTo: window.to, ...extra };
  return (f: { met: number; breached: number }) => ({
    met: { value: f.met, params: { ...days, sla: "met" } },
    breached: { value: f.breached, params: { ...days, sla: "breached" } },
    all: { value: f.met + f.breached, params: days },
  });
}

export interface SlaLinks {
  targets: Record<
    Target,
    ReturnType<ReturnType<typeof outcomeLinks>> & {
      percentMet: number | null;
      byPriority: Record<
        string,
        ReturnType<ReturnType<typeof outcomeLinks>> & { percentMet: number | null }
      >;
      byAgent: (ReturnType<ReturnType<typeof outcomeLinks>> & {
        agent: string;
        personId: string | null;
        percentMet: number | null;
      })[];
    }
  >;
  breachesPerDay: { day: string; count: Linked }[];
  atRisk: Linked;
  breachedOpen: Linked;
}

/** The list filter behind each SLA number (the list's sla, slaTarget, slaFrom/slaTo). */
export function slaLinks(sla: SlaDashboard): SlaLinks {
  const targetLinks = (target: Target, f: Figures) => ({
    ...outcomeLinks(target, sla.window, {})(f),
    percentMet: f.percentMet,
    byPriority: Object.fromEntries(
      Object.entries(f.byPriority).map(([priority, counts]) => [
        priority,
        {
          ...outcomeLinks(target, sla.window, { priority })(counts),
          percentMet: counts.percentMet,
        },
      ]),
    ),
    byAgent: f.byAgent.map((a) => ({
      ...outcomeLinks(
        target,
        sla.window,
        a.personId ? { assignee: a.personId } : { unassigned: "true" },
      )(a),
      agent: a.agent,
      personId: a.personId,
      percentMet: a.percentMet,
    })),
  });
  return {
    targets: {
      firstResponse: targetLinks("firstResponse", sla.targets.firstResponse),
      nextResponse: targetLinks("nextResponse", sla.targets.nextResponse),
      resolution: targetLinks("resolution", sla.targets.resolution),
    },
    breachesPerDay: sla.breachesPerDay.map(({ day, count }) => ({
      day,
      count: { value: count, params: { sla: "breached", slaFrom: day, slaTo: day } },
    })),
    atRisk: { value: sla.atRisk, params: { sla: "at_risk" } },
    breachedOpen: { value: sla.breachedOpen, params: { status: ACTIVE, sla: "breached" } },
  };
}
