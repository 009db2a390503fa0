import type { Collection } from "mongodb";
import { KeyStreams } from "@/server/read-models/ticket-list/key-streams";
import type { ListKey, ListKeyDocument } from "@/server/read-models/ticket-list/keys";
import type { SearchTerms } from "@/server/read-models/ticket-list/search/tokenize";
import type { VocabularyDocument } from "@/server/read-models/ticket-list/search/collections";

/** The last word matches at most this many indexed words (the first ones, alphabetically). */
const PREFIX_WORDS = 50;

/**
 * The word keys that match every term, newest first, from a position: the same `{next(round)}`
 * as the list's facet streams, so the list pages a search like any other filter.
 *
 * Each term is a group of indexed words: a whole word is itself, the last word is every indexed
 * word it begins (from the vocabulary). The group with the fewest words, then the longest word
 * (a cheap guess at the rarest), drives: its words' `_id` ranges are merged newest first; each
 * candidate (ticket, position, version) is probed against every other group with one `_id $in`
 * read of the exact keys `<word>|<position>|<version>` it would have.
 */
export class SearchKeys {
  private driver: KeyStreams | null = null;
  private others: string[][] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly words: Collection<ListKeyDocument>,
    private readonly vocabulary: Collection<VocabularyDocument>,
    private readonly terms: SearchTerms,
    private readonly before: string | undefined,
  ) {}

  private async start() {
    const expanded = (
      await this.vocabulary
        .find({ _id: { $gte: this.terms.prefix ?? "", $lt: `${this.terms.prefix ?? ""}\uffff` } })
        .sort({ _id: 1 })
        .limit(PREFIX_WORDS)
        .toArray()
    ).map((v) => v._id);
    const groups = [...this.terms.words.map((w) => [w]), expanded].sort(
      (a, b) => a.length - b.length || (b[0]?.length ?? 0) - (a[0]?.length ?? 0),
    );
    const [first = [], ...rest] = groups;
    this.others = rest;
    return new KeyStreams(this.words, first, this.before);
  }

  async next(round: number): Promise<ListKey[] | null> {
    this.driver ??= await this.start();
    const taken = await this.driver.next(round);
    if (taken === null) return null;
    // A ticket matching several of the driver's words comes once per word, side by side.
    let candidates = taken.filter((k) => {
      const id = `${k.position}|${k.version}`;
      if (this.seen.has(id)) return false;
      this.seen.add(id);
      return true;
    });
    for (const group of this.others) {
      if (candidates.length === 0) break;
      const probes = candidates.flatMap((k) => group.map((w) => `${w}|${k.position}|${k.version}`));
      const found = new Set<string>();
      for await (const doc of this.words.find({ _id: { $in: probes } }, { projection: { _id: 1 } }))
        found.add(doc._id.slice(doc._id.indexOf("|") + 1));
      candidates = candidates.filter((k) => found.has(`${k.position}|${k.version}`));
    }
    return candidates;
  }
}
