import type { Collection } from "mongodb";
import {
  facetRange,
  parseListKey,
  type ListKey,
  type ListKeyDocument,
} from "@/server/read-models/ticket-list/keys";

interface Stream {
  facet: string;
  /** Read keys strictly below this position next. */
  below: string | undefined;
  buffer: ListKey[];
  done: boolean;
}

/**
 * The keys of one or more facets (several statuses, say), each read backwards from a position
 * and merged newest first. Each round reads up to `round` keys of every facet whose buffer ran
 * out, one `_id` range read each, then hands out keys newest first for as long as that order is
 * certain: a facet with nothing buffered may still hold the next newest key.
 */
export class KeyStreams {
  private readonly streams: Stream[];

  constructor(
    private readonly keys: Collection<ListKeyDocument>,
    facets: string[],
    before: string | undefined,
  ) {
    this.streams = facets.map((facet) => ({ facet, below: before, buffer: [], done: false }));
  }

  /** Up to `round` keys, newest first; null once every facet is read to its end. */
  async next(round: number): Promise<ListKey[] | null> {
    await Promise.all(
      this.streams.filter((s) => !s.done && s.buffer.length === 0).map((s) => this.fill(s, round)),
    );
    const taken: ListKey[] = [];
    while (taken.length < round) {
      const live = this.streams.filter((s) => s.buffer.length > 0);
      if (live.length === 0 || this.streams.some((s) => !s.done && s.buffer.length === 0)) break;
      const newest = live.reduce((a, b) => (b.buffer[0]!.position > a.buffer[0]!.position ? b : a));
      taken.push(newest.buffer.shift()!);
    }
    if (taken.length === 0 && this.streams.every((s) => s.done && s.buffer.length === 0)) {
      return null;
    }
    return taken;
  }

  private async fill(stream: Stream, round: number) {
    const keys = await this.keys
      .find({ _id: facetRange(stream.facet, stream.below) })
      .sort({ _id: -1 })
      .limit(round)
      .toArray();
    stream.done = keys.length < round;
    stream.buffer = keys.map((k) => ({ ...parseListKey(k._id), subject: k.s }));
    const last = stream.buffer.at(-1);
    if (last) stream.below = last.position;
  }
}
