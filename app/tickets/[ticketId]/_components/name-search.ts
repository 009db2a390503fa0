// Pure: finding saved replies (the composer's `#` completion) and people (the assignee type-ahead) by
// name, tested without a browser.

/** The `#word` being typed just before the caret (after a space or at the start), if any. */
export function savedReplyQuery(
  text: string,
  caret: number,
): { search: string; from: number; to: number } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)#([^\s#]*)$/u.exec(before);
  if (!match) return null;
  const search = match[1]!;
  return { search, from: caret - search.length - 1, to: caret };
}

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * Saved replies (or people) whose name contains the search (case- and accent-insensitive), names that start
 * with it first, then by name; at most `limit`.
 */
export function matchingByName<T extends { name: string }>(
  replies: T[],
  search: string,
  limit = 8,
): T[] {
  const wanted = fold(search);
  return replies
    .map((reply) => ({ reply, at: fold(reply.name).indexOf(wanted) }))
    .filter(({ at }) => at >= 0)
    .sort(
      (a, b) => Number(a.at !== 0) - Number(b.at !== 0) || a.reply.name.localeCompare(b.reply.name),
    )
    .slice(0, limit)
    .map(({ reply }) => reply);
}

/** The text with `range` replaced by `insert`, and where the caret goes (after the insert). */
export function insertAt(
  text: string,
  range: { from: number; to: number },
  insert: string,
): { text: string; caret: number } {
  return {
    text: text.slice(0, range.from) + insert + text.slice(range.to),
    caret: range.from + insert.length,
  };
}
