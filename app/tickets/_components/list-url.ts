/** The filters this page's controls own; any other parameter is kept as it is (a chip). */
export const OWNED_FILTERS = [
  "status",
  "assignee",
  "unassigned",
  "priority",
  "hasNote",
  "awaitingReply",
  "sla",
  "sort",
  "q",
];

/** The list's orders besides the default (newest change first). */
export const DUE_SOONEST = "sla_due";

/**
 * A search is ordered by the list's own order, never by due time (the API refuses the pair):
 * typing a search leaves "due soonest" for the default order instead of failing the list.
 */
export function withSearch(
  params: Record<string, string>,
  q: string | null,
): Record<string, string | null> {
  return q && params.sort === DUE_SOONEST ? { q, sort: null } : { q };
}

/**
 * The list's address after some changes: `null` removes a parameter. Every parameter not named
 * is kept (filters that other pages link with), except the page cursor, which a new filter
 * makes meaningless.
 */
export function withChanges(
  params: Record<string, string>,
  changes: Record<string, string | null>,
): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key !== "cursor" && !(key in changes)) next[key] = value;
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value !== null && value !== "") next[key] = value;
  }
  return next;
}

export function listHref(params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return query ? `/tickets?${query}` : "/tickets";
}

/** What the assignee menu shows for the URL's assignee filters. */
export function assigneeChoice(params: Record<string, string>): string {
  if (params.assignee) return params.assignee === "me" ? "me" : `name:${params.assignee}`;
  if (params.unassigned === "true") return "unassigned";
  if (params.unassigned === "false") return "assigned";
  return "";
}

export function assigneeChanges(choice: string): Record<string, string | null> {
  if (choice === "me") return { assignee: "me", unassigned: null };
  if (choice === "unassigned") return { assignee: null, unassigned: "true" };
  if (choice === "assigned") return { assignee: null, unassigned: "false" };
  if (choice.startsWith("name:")) return { assignee: choice.slice(5), unassigned: null };
  return { assignee: null, unassigned: null };
}
