// One tail of the event feed per app process: it polls the sequence document (one `_id` read
// every 250 ms, whatever the number of listeners) and hands each new event to every listener
// (the SSE streams of this process), and, for the streams that ask, the projector's pending
// count. Several app instances each tail the feed the same way.
import type { Db } from "mongodb";
import type { PositionedEvent } from "@/server/events/event";
import { readFeed } from "@/server/events/read";
import { readSequence } from "@/server/events/sequence";
import { COLLECTIONS } from "@/server/db/collections";

type Listener = (events: PositionedEvent[]) => void;
/** Told how many tickets wait for the projector, at once and whenever that changes. */
type StatusListener = (pending: number) => void;

const POLL_MS = 250;

class FeedTail {
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<StatusListener>();
  private running = false;
  private seen = 0;
  private pending: number | null = null;

  constructor(private readonly db: () => Promise<Db>) {}

  /** Calls `listener` with every event numbered from now on, until the returned function runs. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.running) void this.loop();
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` with the projector's pending count now and on every change, until the
   * returned function runs: a change made elsewhere shows as syncing before it is an event.
   * Needs a feed listener beside it (the stream that asks for it has one).
   */
  listenStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    if (this.pending !== null) listener(this.pending);
    return () => this.statusListeners.delete(listener);
  }

  private async loop() {
    this.running = true;
    try {
      const db = await this.db();
      this.seen = (await readSequence(db)).visible;
      while (this.listeners.size > 0) {
        try {
          const { visible } = await readSequence(db);
          // A feed that went back (a desk restored from a backup, a test's fresh desk) starts
          // the tail again from where it is now.
          if (visible < this.seen) this.seen = visible;
          while (this.seen < visible && this.listeners.size > 0) {
            const page = await readFeed(db, { after: this.seen, limit: 500 });
            if (page.items.length > 0) for (const l of this.listeners) l(page.items);
            this.seen = page.next;
          }
          if (this.statusListeners.size > 0) {
            // The queue is small by design; one count for every status listener of the process.
            const pending = await db
              .collection(COLLECTIONS.projectionQueue)
              .countDocuments({ dead: false });
            if (pending !== this.pending) {
              this.pending = pending;
              for (const l of this.statusListeners) l(pending);
            }
          } else {
            this.pending = null;
          }
        } catch {
          // The database is away (or pruned past us): listeners catch up on their own cursor.
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } finally {
      this.running = false;
    }
  }
}

const shared = globalThis as unknown as { supportDeskFeedTail?: FeedTail };

/** This process's tail of the feed. */
export function feedTail(db: () => Promise<Db>): FeedTail {
  shared.supportDeskFeedTail ??= new FeedTail(db);
  return shared.supportDeskFeedTail;
}
