import "server-only";
import type { Actor } from "@/server/tickets/domain/types";

/**
 * Who is acting. Until sign-in exists every browser user is the shared desk agent and every
 * API call is the API client; the seam is here so commands already record an actor.
 */
export function currentActor(channel: "web" | "api"): Promise<Actor> {
  return Promise.resolve(
    channel === "web"
      ? { id: "desk-agent", name: "Support agent" }
      : { id: "api-client", name: "API client" },
  );
}
