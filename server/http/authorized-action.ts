import "server-only";
import { unauthorized } from "next/navigation";
import type { Access } from "@/server/auth/access";
import { sessionUser } from "@/server/auth/principal";
import { authorizeOrForbidden } from "@/server/auth/require";
import type { UserPrincipal } from "@/server/auth/types";

/**
 * The first line of every server action: the signed-in person allowed `access`, or the request
 * ends with 401 (no session) or 403 (role too low). Server actions keep Next.js's own origin
 * check; this adds who may call them.
 */
export async function actionPrincipal(access: Exclude<Access, "public">): Promise<UserPrincipal> {
  const user = await sessionUser();
  if (!user) unauthorized();
  return authorizeOrForbidden(user, access);
}
