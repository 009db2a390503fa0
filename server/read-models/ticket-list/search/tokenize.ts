import { wordsOf } from "@/server/text/words";

/** What a search box query asks for: every word whole, and the last one also as a prefix. */
export interface SearchTerms {
  words: string[];
  prefix: string | null;
}

/** Null when the query holds no word at all (only punctuation, say): then there is no search. */
export function searchTerms(q: string | undefined): SearchTerms | null {
  const all = wordsOf(q ?? "");
  const prefix = all.at(-1);
  if (prefix === undefined) return null;
  const words = [...new Set(all.slice(0, -1))].filter((w) => w !== prefix);
  return { words, prefix };
}
