import type { Principal } from "@/server/auth/types";

/**
 * What a door needs. Every route handler, server action and page names one, and `authorize`
 * is the one place that decides.
 *
 * | access    | agent | lead | read token | write token |
 * | --------- | ----- | ---- | ---------- | ----------- |
 * | public    | yes   | yes  | yes        | yes         |
 * | read      | yes   | yes  | yes        | yes         |
 * | write     | yes   | yes  | 403        | yes         |
 * | dashboard | 403   | yes  | yes        | yes         |
 * | operate   | 403   | yes  | 403        | yes         |
 * | admin     | 403   | yes  | 403        | 403         |
 *
 * No credentials (or a revoked token, an ended session) is 401 everywhere but `public`.
 */
export type Access = "public" | "read" | "write" | "dashboard" | "operate" | "admin";

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

export const unauthenticated = (message = "Sign in, or send Authorization: Bearer <token>.") =>
  new AuthError(401, message);

/** Throws AuthError unless the principal may pass; returns it (non-null unless public). */
export function authorize(principal: Principal | null, access: Access): Principal | null {
  if (access === "public") return principal;
  if (!principal) throw unauthenticated();
  const lead = principal.kind === "user" && principal.role === "lead";
  const writeToken = principal.kind === "token" && principal.scope === "write";
  const allowed = {
    read: true,
    write: principal.kind === "user" || writeToken,
    dashboard: lead || principal.kind === "token",
    operate: lead || writeToken,
    admin: lead,
  }[access];
  if (allowed) return principal;
  throw new AuthError(403, forbiddenMessage(principal, access));
}

function forbiddenMessage(principal: Principal, access: Exclude<Access, "public">): string {
  if (principal.kind === "token") {
    return access === "admin"
      ? "API tokens cannot manage people or tokens; a lead does that in the browser."
      : `This token's scope is "${principal.scope}"; this needs a write token.`;
  }
  return "This needs a lead account.";
}
