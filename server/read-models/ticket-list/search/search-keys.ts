import type { Collection } from "mongodb";
import { KeyStreams } from "@/server/read-models/ticket-list/key-streams";
import type { ListKey, ListKeyDocument } from "@/server/read-models/ticket-list/keys";
import type { SearchTerms } from "@/server/read-models/ticket-list/search/tokenize";
import type { VocabularyDocument } from "@/server/read-models/ticket-list/search/collections";

/** The last word matches at most this many indexed words (the first ones, alphabetically). */
const PREFIX_WORDS = 50;
/** Keys read of each group to find the rarest. */
const SAMPLE = 100;

/**
 * The word keys that match every term, newest first, from a position: the same `{next(round)}`
 * as the list's facet streams, so the list pages a search like any other filter.
 *
 * Each term is a group of indexed words: a whole word is itself, the last word is every indexed
 * word it begins (from the vocabulary). The rarest group (sampled: see start) drives: its
 * words' `_id` ranges are merged newest first; each
 * candidate (ticket, position, version) is probed against every other group with one `_id $in`
 * read of the exact keys `<word>|<position>|<version>` it would have.
 */
export class SearchKeys {
  private driver: KeyStreams | null | undefined;
  /** The driver's sample, handed out as the first round. */
  private first: ListKey[] | null = null;
  private others: string[][] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly words: Collection<ListKeyDocument>,
    private readonly vocabulary: Collection<VocabularyDocument>,
    private readonly terms: SearchTerms,
    private readonly before: string | undefined,
  ) {}

  private async start(): Promise<KeyStreams | null> {
    const expanded = (
      await this.vocabulary
        .find({ _id: { $gte: this.terms.prefix ?? "", $lt: `${this.terms.prefix ?? ""}\uffff` } })
        .sort({ _id: 1 })
        .limit(PREFIX_WORDS)
        .toArray()
    ).map((v) => v._id);
    const groups = [...this.terms.words.map((w) => [w]), expanded];
    if (groups.length === 1) return new KeyStreams(this.words, groups[0]!, this.before);
    // The rarest group drives: each group's newest SAMPLE keys are read, and the group whose
    // keys reach furthest back in list order (or that has fewer) is the sparsest. Its sample
    // is the first round; a group with no key at all means nothing matches.
    const samples = await Promise.all(
      groups.map(async (group) => {
        const stream = new KeyStreams(this.words, group, this.before);
        return { group, stream, keys: (await stream.next(SAMPLE)) ?? [] };
      }),
    );
    if (samples.some((s) => s.keys.length === 0)) return null;
    const reach = (s: (typeof samples)[number]) =>
      s.keys.length < SAMPLE ? "" : s.keys.at(-1)!.position;
    const driver = samples.reduce((a, b) =>
      b.keys.length < a.keys.length || reach(b) < reach(a) ? b : a,
    );
    this.others = samples.filter((s) => s !== driver).map((s) => s.group);
    this.first = driver.keys;
    return driver.stream;
  }

  async next(round: number): Promise<ListKey[] | null> {
    if (this.driver === undefined) this.driver = await this.start();
    if (this.driver === null) return null;
    const taken = this.first ?? (await this.driver.next(round));
    this.first = null;
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
