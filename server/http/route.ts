import "server-only";
import type { NextRequest } from "next/server";
import type { Actor } from "@/server/tickets/domain/types";
import { authorize, type Access } from "@/server/auth/access";
import { principalFromRequest } from "@/server/auth/principal";
import { actorOf, type Principal } from "@/server/auth/types";
import { isDatabaseUnavailable, problemFor } from "@/server/http/problem";
import { reportDatabaseOutcome } from "@/server/db/client";

export interface RouteContext<P> {
  request: NextRequest;
  params: P;
  /** Who is calling; null only on public routes. */
  principal: Principal | null;
  actor: Actor;
}

const ANONYMOUS: Actor = { id: "anonymous", name: "Anonymous" };

/**
 * Wraps every route handler: authenticates and authorizes the caller for `access`, runs the
 * body, and turns any error into a problem response. No route handler is written without it,
 * so none can forget to check who is calling (the authorization matrix test covers each one).
 */
export function route<P extends Record<string, string>>(
  access: Access,
  body: (ctx: RouteContext<P>) => Promise<Response>,
) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const principal = authorize(
        access === "public" ? null : await principalFromRequest(request),
        access,
      );
      const actor = principal ? actorOf(principal) : ANONYMOUS;
      const response = await body({ request, params: await context.params, principal, actor });
      reportDatabaseOutcome(true);
      return response;
    } catch (error) {
      reportDatabaseOutcome(!isDatabaseUnavailable(error));
      return problemFor(error);
    }
  };
}
