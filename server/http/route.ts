import "server-only";
import type { NextRequest } from "next/server";
import type { Actor } from "@/server/tickets/domain/types";
import { currentActor } from "@/server/auth/current-actor";
import { isDatabaseUnavailable, problemFor } from "@/server/http/problem";
import { reportDatabaseOutcome } from "@/server/db/client";

export interface RouteContext<P> {
  request: NextRequest;
  params: P;
  actor: Actor;
}

/**
 * Wraps every route handler: resolves the caller, runs the body, and turns any error into a
 * problem response. Route bodies never build error responses for domain errors themselves.
 */
export function route<P extends Record<string, string>>(
  body: (ctx: RouteContext<P>) => Promise<Response>,
) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await currentActor("api");
      const response = await body({ request, params: await context.params, actor });
      reportDatabaseOutcome(true);
      return response;
    } catch (error) {
      reportDatabaseOutcome(!isDatabaseUnavailable(error));
      return problemFor(error);
    }
  };
}
