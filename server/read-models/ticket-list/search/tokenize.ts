/**
 * The words of a text as the search indexes and looks them up: NFKD, combining marks stripped,
 * lower-cased, split on anything that is not a letter or a digit (Unicode-aware). So "Café" and
 * "CAFE" are the word "cafe", and "e-mail" is "e" and "mail".
 */
export function wordsOf(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && word.length <= MAX_WORD);
}

/** Longer runs (ids, pasted base64) are not words anyone types; they stay out of the index. */
const MAX_WORD = 64;

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
