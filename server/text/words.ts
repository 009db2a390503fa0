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
