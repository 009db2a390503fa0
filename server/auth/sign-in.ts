import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { authenticate, emailSchema } from "@/server/auth/users";
import { createSession, type NewSession } from "@/server/auth/sessions";

const WINDOW_S = 15 * 60;

interface Limiters {
  account: RateLimiterMemory;
  address: RateLimiterMemory;
}

// Kept on globalThis so dev-mode reloads share one count. Per process: with several app
// processes, each counts on its own (docs/security.md).
const holder = globalThis as typeof globalThis & { __supportDeskSignInLimits?: Limiters };
const limiters = (): Limiters =>
  (holder.__supportDeskSignInLimits ??= {
    // Failed attempts per account, whether or not it exists, so the answer tells nothing.
    account: new RateLimiterMemory({ keyPrefix: "account", points: 5, duration: WINDOW_S }),
    // Failed attempts per address, against password spraying over many accounts.
    address: new RateLimiterMemory({ keyPrefix: "address", points: 30, duration: WINDOW_S }),
  });

export type SignInResult =
  | { ok: true; session: NewSession; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "limited"; retryAfterS: number };

const remaining = async (limiter: RateLimiterMemory, key: string) => {
  const res = await limiter.get(key);
  return res
    ? { left: res.remainingPoints, retryAfterS: Math.ceil(res.msBeforeNext / 1000) }
    : null;
};

/**
 * Checks an email and password and opens a session. Every failure answers the same way, and
 * failures are limited per account and per address before the password is even checked.
 */
export async function signIn(
  input: { email: string; password: string; remember: boolean },
  address: string,
): Promise<SignInResult> {
  const email = emailSchema.safeParse(input.email);
  const accountKey = email.success ? email.data : input.email.trim().toLowerCase().slice(0, 254);
  const { account, address: byAddress } = limiters();
  for (const [limiter, key] of [
    [account, accountKey],
    [byAddress, address],
  ] as const) {
    const state = await remaining(limiter, key);
    if (state && state.left <= 0)
      return { ok: false, reason: "limited", retryAfterS: state.retryAfterS };
  }

  const user =
    email.success && input.password ? await authenticate(email.data, input.password) : null;
  if (!user) {
    for (const [limiter, key] of [
      [account, accountKey],
      [byAddress, address],
    ] as const) {
      await limiter.consume(key).catch((res: unknown) => {
        if (!(res instanceof RateLimiterRes)) throw res;
      });
    }
    return { ok: false, reason: "invalid" };
  }
  await account.delete(accountKey);
  const session = await createSession(user._id.toHexString(), { remember: input.remember });
  return { ok: true, session, userId: user._id.toHexString() };
}

/** Forgets the counts (tests). */
export function resetSignInLimits() {
  holder.__supportDeskSignInLimits = undefined;
}
