import "server-only";
import { forbidden, redirect } from "next/navigation";
import { authorize, AuthError, type Access } from "@/server/auth/access";
import { sessionUser } from "@/server/auth/principal";
import type { UserPrincipal } from "@/server/auth/types";

/** Only same-site paths may be a post-sign-in destination (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])[^\s]*$/.test(next) && next.length < 2_000
    ? next
    : "/tickets";
}

/**
 * The first line of every page but sign-in: the signed-in person, or a redirect to sign in, or
 * the 403 page when their role does not reach this page.
 */
export async function requireUser(
  access: Exclude<Access, "public" | "write" | "operate"> = "read",
  here?: string,
): Promise<UserPrincipal> {
  const user = await sessionUser();
  if (!user) redirect(here ? `/sign-in?next=${encodeURIComponent(safeNext(here))}` : "/sign-in");
  return authorizeOrForbidden(user, access);
}

/** The person, if their role reaches `access`; otherwise the request ends with 403. */
export function authorizeOrForbidden(user: UserPrincipal, access: Access): UserPrincipal {
  try {
    authorize(user, access);
  } catch (error) {
    if (error instanceof AuthError) forbidden();
    throw error;
  }
  return user;
}
