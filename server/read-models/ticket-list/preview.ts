export const PREVIEW_LENGTH = 120;

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The list's one-line preview of a message: whitespace (newlines included) collapsed, then cut
 * to about `max` characters on a word boundary with an ellipsis. Cuts happen between grapheme
 * clusters, so an emoji, a flag or an accented letter is never split.
 */
export function preview(message: string, max = PREVIEW_LENGTH): string {
  const text = message.replace(/\s+/gu, " ").trim();
  // Only the first max + 1 graphemes matter: segmenting a whole 20,000-character message made
  // projecting a long ticket take milliseconds.
  const graphemes: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (graphemes.push(segment) > max) break;
  }
  if (graphemes.length <= max) return text;

  const head = graphemes.slice(0, max);
  // Prefer the last space within the limit, unless that would throw most of the text away
  // (one very long word, or a script written without spaces): then cut mid-word.
  const lastSpace = head.lastIndexOf(" ");
  const cut = lastSpace >= max * 0.6 ? head.slice(0, lastSpace) : head;
  return `${cut.join("").replace(/[\s.,;:!?-]+$/u, "")}…`;
}
