import { ObjectId, type Collection } from "mongodb";
import type { TicketListDocument } from "@/server/read-models/ticket-list/document";
import { position, type ListKey } from "@/server/read-models/ticket-list/keys";
import {
  bucketOf,
  parseWordKey,
  wordBucketRange,
  wordKey,
  wordRange,
  type VocabularyDocument,
  type WordKeyDocument,
} from "@/server/read-models/ticket-list/search/collections";
import type { SearchTerms } from "@/server/read-models/ticket-list/search/tokenize";

/** The last word matches at most this many indexed words (the first ones, alphabetically). */
const PREFIX_WORDS = 50;
/** Keys read of each group to find the rarest. */
const SAMPLE = 100;
/** Probes per `_id $in` read. */
const PROBES = 1_000;

type Key = { bucket: number; ticketId: string };
/** A key without its word: `<minute>|<ticket id>`. */
const minuteAndTicket = (k: Key) => wordKey("", k.bucket, k.ticketId).slice(1);
/** No minute is above this one (9 digits, like every minute in a key). */
const LAST_MINUTE = 999_999_998;

/**
 * The tickets that match every term, newest first, from a position: the same `{next(round)}` as
 * the list's facet streams, so the list pages a search like any other filter.
 *
 * Each term is a group of indexed words: a whole word is itself, the last word is every indexed
 * word it begins (from the vocabulary). Keys are filed by minute (collections.ts), newest minute
 * first. The rarest group (sampled) drives: each round reads its words' keys for the next minutes,
 * always whole minutes; each candidate is probed against every other group with one `_id $in` read
 * of the exact keys `<word>|<minute>|<ticket>` it would have; the survivors' list rows give their
 * exact position and version, which order them within the minute. A key whose minute is not its
 * row's any more is a leftover and is skipped.
 */
export class SearchKeys {
  private driver: string[] | null | undefined;
  private others: string[][] = [];
  /** Hours up to this one are still to be read. */
  private bound: number;
  private done = false;

  constructor(
    private readonly words: Collection<WordKeyDocument>,
    private readonly vocabulary: Collection<VocabularyDocument>,
    private readonly rows: Collection<TicketListDocument>,
    private readonly terms: SearchTerms,
    private readonly before: string | undefined,
  ) {
    this.bound = before ? bucketOf(Number(before.slice(0, before.indexOf("|")))) : LAST_MINUTE;
  }

  private async start(): Promise<string[] | null> {
    const prefix = this.terms.prefix ?? "";
    const expanded = (
      await this.vocabulary
        .find({ _id: { $gte: prefix, $lt: `${prefix}\uffff` } })
        .sort({ _id: 1 })
        .limit(PREFIX_WORDS)
        .toArray()
    ).map((v) => v._id);
    const groups = [...this.terms.words.map((w) => [w]), expanded];
    if (groups.some((g) => g.length === 0)) return null;
    if (groups.length === 1) return groups[0]!;
    // The rarest group drives: each group's newest SAMPLE keys are read, and the group whose
    // keys reach furthest back (or that has fewer) is the sparsest. A group with none: no match.
    const samples = await Promise.all(
      groups.map(async (group) => ({ group, keys: await this.read(group, this.bound, SAMPLE) })),
    );
    if (samples.some((s) => s.keys.length === 0)) return null;
    const reach = (s: (typeof samples)[number]) =>
      s.keys.length < SAMPLE ? -1 : Math.min(...s.keys.map((k) => k.bucket));
    const driver = samples.reduce((a, b) =>
      b.keys.length < a.keys.length || reach(b) < reach(a) ? b : a,
    );
    this.others = samples.filter((s) => s !== driver).map((s) => s.group);
    return driver.group;
  }

  /** Up to `limit` keys of each word of a group in minutes up to `bound`, newest first. */
  private async read(group: string[], bound: number, limit: number): Promise<Key[]> {
    const perWord = await Promise.all(
      group.map((word) =>
        this.words
          .find({ _id: wordRange(word, bound) }, { projection: { _id: 1 } })
          .sort({ _id: -1 })
          .limit(limit)
          .toArray(),
      ),
    );
    return perWord.flat().map((doc) => parseWordKey(doc._id));
  }

  async next(round: number): Promise<ListKey[] | null> {
    if (this.driver === undefined) this.driver = await this.start();
    if (this.driver === null || this.done) return null;
    const keys = await this.nextHours(this.driver, round);
    if (keys.length === 0) return null;
    let candidates = keys;
    for (const group of this.others) {
      if (candidates.length === 0) break;
      const probes = candidates.flatMap((k) => group.map((w) => wordKey(w, k.bucket, k.ticketId)));
      const found = new Set<string>();
      for (let i = 0; i < probes.length; i += PROBES) {
        const part = probes.slice(i, i + PROBES);
        for await (const doc of this.words.find({ _id: { $in: part } }, { projection: { _id: 1 } }))
          found.add(doc._id.slice(doc._id.indexOf("|") + 1));
      }
      candidates = candidates.filter((k) => found.has(minuteAndTicket(k)));
    }
    return this.ordered(candidates);
  }

  /**
   * The driver's keys in the next whole minutes: `round` keys of each word, then the rest of the
   * oldest minute they reached, so a minute is never split between rounds. One key per ticket.
   */
  private async nextHours(group: string[], round: number): Promise<Key[]> {
    const perWord = await Promise.all(
      group.map(async (word) => {
        const docs = await this.words
          .find({ _id: wordRange(word, this.bound) }, { projection: { _id: 1 } })
          .sort({ _id: -1 })
          .limit(round)
          .toArray();
        return { word, keys: docs.map((d) => parseWordKey(d._id)), full: docs.length === round };
      }),
    );
    // Hours above `cut` are read whole for every word; a word that filled its round may have
    // more keys in the minute of its last key.
    const full = perWord.filter((w) => w.full);
    const cut = full.length === 0 ? -1 : Math.max(...full.map((w) => w.keys.at(-1)!.bucket));
    const keys = perWord.flatMap((w) => w.keys.filter((k) => k.bucket > cut));
    if (cut >= 0 && keys.length === 0) {
      // One minute holds more than a round of some word's keys: read that minute whole.
      for (const w of perWord) {
        if (!w.full) {
          keys.push(...w.keys.filter((k) => k.bucket === cut));
          continue;
        }
        const docs = await this.words
          .find({ _id: wordBucketRange(w.word, cut) }, { projection: { _id: 1 } })
          .toArray();
        keys.push(...docs.map((d) => parseWordKey(d._id)));
      }
      this.bound = cut - 1;
    } else {
      this.bound = cut;
    }
    if (cut < 0) this.done = true;
    const unique = new Map(keys.map((k) => [`${k.bucket}|${k.ticketId}`, k]));
    return [...unique.values()];
  }

  /** The candidates' rows say where they are now: in their minute, below `before`, newest first. */
  private async ordered(candidates: Key[]): Promise<ListKey[]> {
    if (candidates.length === 0) return [];
    const minutes = new Map(candidates.map((k) => [k.ticketId, k.bucket]));
    const rows = await this.rows
      .find(
        { _id: { $in: [...minutes.keys()].map((id) => new ObjectId(id)) } },
        { projection: { updatedAt: 1, version: 1 } },
      )
      .toArray();
    const keys: ListKey[] = [];
    for (const row of rows) {
      const ticketId = row._id.toHexString();
      if (bucketOf(row.updatedAt) !== minutes.get(ticketId)) continue; // a leftover
      const at = position(row.updatedAt.getTime(), ticketId);
      if (this.before !== undefined && at >= this.before) continue;
      keys.push({ facet: "q", position: at, ticketId, version: row.version });
    }
    return keys.sort((a, b) => (a.position < b.position ? 1 : -1));
  }
}
