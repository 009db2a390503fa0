// Pure and free of server-only imports: the dashboard page (a client component) and the test
// that proves each link selects exactly what its number counts share it.
import { PRIORITIES, STATUSES, type Priority, type Status } from "@/server/tickets/domain/types";
import type { Dashboard } from "@/server/read-models/dashboard/dashboard-schema";

/** Parameters of GET /api/tickets (and of the /tickets page), as strings. */
export type ListParams = Record<string, string>;

/** One dashboard number and the list filter that selects exactly the tickets it counts. */
export interface LinkedNumber {
  value: number;
  params: ListParams;
}

/** "Active" is every status but closed, the same definition as the dashboard's counters. */
const ACTIVE_STATUSES = STATUSES.filter((s) => s !== "closed").join(",");

export interface DashboardLinks {
  total: LinkedNumber;
  byStatus: Record<Status, LinkedNumber>;
  byPriority: Record<Priority, LinkedNumber>;
  unassigned: LinkedNumber;
  withNotes: LinkedNumber;
  /** Most loaded first, then by name; each drills down by the person's id. */
  byAssignee: (LinkedNumber & { personId: string; assignee: string })[];
  awaitingReply: LinkedNumber;
  /** Most used first, then by name. */
  byTag: (LinkedNumber & { tag: string })[];
  perDay: { day: string; created: LinkedNumber; closed: LinkedNumber }[];
  /** The populations the durations are computed over: triaged / closed within the window. */
  timeToTriage: LinkedNumber;
  timeToClose: LinkedNumber;
  firstResponse: LinkedNumber;
  /** By name; each drills down to the tickets that person answered first in the window. */
  firstResponseByAgent: (LinkedNumber & { personId: string; agent: string })[];
  /** The window of the per-day series and the durations, first and last UTC day. */
  window: { from: string; to: string } | null;
}

/**
 * Mirrors `contribution()`: status counts all tickets; priority, unassigned and per-agent count
 * active ones; notes count all; per-day and durations select by the day of the event.
 */
export function dashboardLinks(dashboard: Dashboard): DashboardLinks {
  const from = dashboard.perDay[0]?.day;
  const to = dashboard.perDay.at(-1)?.day;
  const window = from && to ? { from, to } : null;
  const active = { status: ACTIVE_STATUSES };
  const responded: ListParams = window
    ? { respondedFrom: window.from, respondedTo: window.to }
    : {};
  return {
    total: { value: dashboard.total, params: {} },
    byStatus: byKey(STATUSES, (s) => ({ value: dashboard.byStatus[s], params: { status: s } })),
    byPriority: byKey(PRIORITIES, (p) => ({
      value: dashboard.byPriority[p],
      params: { ...active, priority: p },
    })),
    unassigned: { value: dashboard.unassigned, params: { ...active, unassigned: "true" } },
    withNotes: { value: dashboard.withNotes, params: { hasNote: "true" } },
    byAssignee: dashboard.assignees.map(({ personId, name, count }) => ({
      personId,
      assignee: name,
      value: count,
      params: { ...active, assignee: personId },
    })),
    awaitingReply: { value: dashboard.awaitingReply, params: { awaitingReply: "true" } },
    byTag: Object.entries(dashboard.byTag)
      .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
      .map(([tag, value]) => ({ tag, value, params: { ...active, tag } })),
    perDay: dashboard.perDay.map(({ day, created, closed }) => ({
      day,
      created: { value: created, params: { createdFrom: day, createdTo: day } },
      closed: { value: closed, params: { status: "closed", closedFrom: day, closedTo: day } },
    })),
    timeToTriage: {
      value: dashboard.timeToTriage.count,
      params: window ? { triagedFrom: window.from, triagedTo: window.to } : {},
    },
    timeToClose: {
      value: dashboard.timeToClose.count,
      params: window ? { status: "closed", closedFrom: window.from, closedTo: window.to } : {},
    },
    firstResponse: { value: dashboard.firstResponse.count, params: responded },
    firstResponseByAgent: dashboard.firstResponseByAgent.map(({ personId, name, count }) => ({
      personId,
      agent: name,
      value: count,
      params: { ...responded, firstResponder: personId },
    })),
    window,
  };
}

function byKey<K extends string>(keys: readonly K[], make: (key: K) => LinkedNumber) {
  return Object.fromEntries(keys.map((k) => [k, make(k)])) as Record<K, LinkedNumber>;
}

/** Every linked number, flattened with a name, for tests and checks. */
export function allLinkedNumbers(links: DashboardLinks): (LinkedNumber & { name: string })[] {
  return [
    { name: "total", ...links.total },
    ...STATUSES.map((s) => ({ name: `byStatus.${s}`, ...links.byStatus[s] })),
    ...PRIORITIES.map((p) => ({ name: `byPriority.${p}`, ...links.byPriority[p] })),
    { name: "unassigned", ...links.unassigned },
    { name: "withNotes", ...links.withNotes },
    ...links.byAssignee.map((a) => ({ name: `byAssignee.${a.personId}`, ...a })),
    { name: "awaitingReply", ...links.awaitingReply },
    ...links.byTag.map((t) => ({ name: `byTag.${t.tag}`, ...t })),
    ...links.perDay.flatMap((d) => [
      { name: `perDay.${d.day}.created`, ...d.created },
      { name: `perDay.${d.day}.closed`, ...d.closed },
    ]),
    { name: "timeToTriage.count", ...links.timeToTriage },
    { name: "timeToClose.count", ...links.timeToClose },
    { name: "firstResponse.count", ...links.firstResponse },
    ...links.firstResponseByAgent.map((a) => ({
      name: `firstResponseByAgent.${a.personId}`,
      ...a,
    })),
  ];
}

/**
 * The query string for the params (no leading "?"). Commas are legal in a query and kept
 * readable (`status=open,triaged`); every parser decodes them the same either way.
 */
export const listQueryString = (params: ListParams) =>
  new URLSearchParams(params).toString().replaceAll("%2C", ",");

/** The ticket list page filtered to exactly these tickets. */
export function ticketsHref(params: ListParams): string {
  const query = listQueryString(params);
  return query ? `/tickets?${query}` : "/tickets";
}
