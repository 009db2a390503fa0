import "server-only";

type Headers = { get(name: string): string | null };

/**
 * Cookie attributes for the session: not readable by scripts, not sent on cross-site
 * sub-requests, Secure whenever the site is served over HTTPS. Without `expires` it is a browser
 * session cookie (no "remember me"); the server-side session expires regardless.
 */
export function sessionCookieOptions(head: Headers, expires?: Date) {
  const https =
    head.get("x-forwarded-proto") === "https" || process.env.SESSION_COOKIE_SECURE === "true";
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: https,
    path: "/",
    ...(expires ? { expires } : {}),
  };
}

/**
 * The address sign-in attempts are counted against: the nearest hop of X-Forwarded-For. Only a
 * reverse proxy that sets it makes it trustworthy; the per-account limit does not depend on it.
 */
export function clientAddress(head: Headers): string {
  const forwarded = head.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last && last.length <= 64 ? last : "unknown";
}
