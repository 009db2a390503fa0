/**
 * Optimistic concurrency under contention. A command that loses the race for a ticket's version
 * decides again on the fresh state; when many writers hammer one ticket, each round waits a
 * random time in [0, min(cap, base·2^attempt)) ("full jitter", which spreads retries out and
 * minimises total work: aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter), and
 * gives up after a time budget rather than a count, so a caller is answered promptly either way.
 */
export const CONTENTION = { baseMs: 5, capMs: 400, budgetMs: 20_000 } as const;

/** The wait before the next round, after `attempt` lost rounds (1 = the first). */
export const backoffMs = (attempt: number, random = Math.random) =>
  random() * Math.min(CONTENTION.capMs, CONTENTION.baseMs * 2 ** attempt);

/**
 * The ticket changed under this command on every round for the whole budget. Nothing was
 * written; the request may be retried as it is (with its Idempotency-Key, it is applied once).
 * Not a rule of the domain: adapters answer it as a transient refusal (503 with Retry-After).
 */
export class TicketContendedError extends Error {
  constructor(
    readonly ticketId: string,
    readonly attempts: number,
  ) {
    super(
      `Ticket ${ticketId} is being changed by many others at once; nothing was saved after ` +
        `${attempts} attempts. Retry in a moment.`,
    );
  }
}
