// When a failed delivery is tried again: about 5 s, 30 s, 2 min, 10 min, 1 h, then every 6 h,
// each ±20 % so that subscriptions failing together do not retry in step; after 3 days of
// failing on one event the subscription is disabled. Pure, so the schedule is unit-tested.

const DEFAULT_SCHEDULE_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000];
const DEFAULT_GIVE_UP_MS = 3 * 24 * 60 * 60_000;

export interface RetryPolicy {
  /** The waits after the 1st, 2nd, … failure; the last repeats. */
  scheduleMs: readonly number[];
  /** Failing this long on one event disables the subscription. */
  giveUpMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  scheduleMs: DEFAULT_SCHEDULE_MS,
  giveUpMs: DEFAULT_GIVE_UP_MS,
};

/** The wait after the `failures`-th failure (1-based), with jitter from `random` in [0, 1). */
export function retryDelay(policy: RetryPolicy, failures: number, random = Math.random()): number {
  const schedule = policy.scheduleMs;
  const base = schedule[Math.min(failures, schedule.length) - 1] ?? schedule.at(-1) ?? 5_000;
  return Math.round(base * (0.8 + 0.4 * random));
}

export type AfterFailure = { kind: "retry"; at: Date } | { kind: "give-up"; reason: string };

/** What to do after a failure of an event that has been failing since `failingSince`. */
export function afterFailure(
  policy: RetryPolicy,
  failures: number,
  failingSince: Date,
  now: Date,
  lastError: string,
  random = Math.random(),
): AfterFailure {
  const at = new Date(now.getTime() + retryDelay(policy, failures, random));
  if (at.getTime() - failingSince.getTime() > policy.giveUpMs) {
    return {
      kind: "give-up",
      reason: `Every delivery failed since ${failingSince.toISOString()} (${failures} attempts); the last: ${lastError}`,
    };
  }
  return { kind: "retry", at };
}
