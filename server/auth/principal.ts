import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { resolveApiToken } from "@/server/auth/api-tokens";
import { AuthError, unauthenticated } from "@/server/auth/access";
import { resolveSession, SESSION_COOKIE } from "@/server/auth/sessions";
import type { Principal, UserPrincipal } from "@/server/auth/types";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A request authenticated by a cookie must come from our own pages: browsers send `Origin` on
 * every cross-site write and `Sec-Fetch-Site` on everything, so a write that says it comes from
 * elsewhere is refused. (Bearer tokens are not sent by browsers on their own, so they need no
 * such check.)
 */
function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AuthError(403, "Cross-site requests may not use the session cookie.");
  }
  const origin = request.headers.get("origin");
  if (origin) {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) {
      throw new AuthError(403, "Cross-site requests may not use the session cookie.");
    }
  }
}

function cookieFrom(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Who is calling a route handler: a bearer token if the request carries one (a bad or revoked
 * token is a 401, never a fall-back to the cookie), otherwise the session cookie.
 */
export async function principalFromRequest(request: Request): Promise<Principal | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer ([\w.~+/-]+=*)$/i.exec(authorization.trim());
    if (!match?.[1]) {
      throw unauthenticated("The Authorization header must be `Bearer <token>`.");
    }
    const principal = await resolveApiToken(match[1]);
    if (!principal) throw unauthenticated("This token is unknown or has been revoked.");
    return principal;
  }
  const cookie = cookieFrom(request, SESSION_COOKIE);
  if (!cookie) return null;
  assertSameOrigin(request);
  return resolveSession(cookie);
}

/**
 * The signed-in person for a page or a server action, or null. Looked up once per render: the
 * layout and the page share the answer.
 */
export const sessionUser = cache(async (): Promise<UserPrincipal | null> => {
  const jar = await cookies();
  return resolveSession(jar.get(SESSION_COOKIE)?.value);
});
