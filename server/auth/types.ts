import type { Actor } from "@/server/tickets/domain/types";

export const ROLES = ["agent", "lead"] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A person signed in through the browser. */
export interface UserPrincipal {
  kind: "user";
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** A system calling the API with a bearer token. */
export interface TokenPrincipal {
  kind: "token";
  tokenId: string;
  name: string;
  scope: TokenScope;
}

export type Principal = UserPrincipal | TokenPrincipal;

/** Who history entries and notes record for a principal. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === "user"
    ? { id: `user:${principal.userId}`, name: principal.name }
    : { id: `token:${principal.tokenId}`, name: `${principal.name} (API token)` };
}
