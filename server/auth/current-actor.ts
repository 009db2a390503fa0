import "server-only";
import type { Actor } from "@/server/tickets/domain/types";

/** The agent the browser acts as until sign-in exists (issue 6); a demo agent by default. */
export const DEFAULT_WEB_AGENT = "Aisha Khan";

/**
 * Who is acting. Until sign-in exists every browser user is one desk agent (DESK_AGENT_NAME,
 * default a demo agent, so "mine" and "assign to me" mean something) and every API call is the
 * API client. The seam is here so commands already record an actor.
 */
export function currentActor(channel: "web" | "api"): Promise<Actor> {
  const name = process.env.DESK_AGENT_NAME?.trim() || DEFAULT_WEB_AGENT;
  return Promise.resolve(
    channel === "web"
      ? { id: `agent:${name.toLowerCase().replaceAll(/\s+/g, "-")}`, name }
      : { id: "api-client", name: "API client" },
  );
}
