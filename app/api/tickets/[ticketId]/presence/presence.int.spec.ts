import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import * as presenceRoute from "@/app/api/tickets/[ticketId]/presence/route";
import { heartbeat, PRESENCE_STALE_MS } from "@/server/presence/presence";
import { send } from "@/server/testing/http";

const ada = { id: "user:ada", name: "Ada Lovelace" };
const grace = { id: "user:grace", name: "Grace Hopper" };

describe("who else is on a ticket", () => {
  it("given two people on a ticket, each sees the other, typing or not, until they leave", async () => {
    const ticketId = new ObjectId().toHexString();
    const other = new ObjectId().toHexString();
    const t0 = new Date();
    expect(await heartbeat(ticketId, ada, { typing: false, leaving: false }, t0)).toEqual({
      viewers: [],
    });
    await heartbeat(other, grace, { typing: true, leaving: false }, t0);
    // Grace opens the same ticket and starts typing a reply.
    const seenByGrace = await heartbeat(ticketId, grace, { typing: true, leaving: false }, t0);
    expect(seenByGrace.viewers).toEqual([
      { name: "Ada Lovelace", typing: false, at: t0.toISOString() },
    ]);
    const seenByAda = await heartbeat(ticketId, ada, { typing: false, leaving: false }, t0);
    expect(seenByAda.viewers).toEqual([
      { name: "Grace Hopper", typing: true, at: t0.toISOString() },
    ]);

    // Grace leaves: gone at once for Ada.
    await heartbeat(ticketId, grace, { typing: false, leaving: true }, t0);
    expect((await heartbeat(ticketId, ada, { typing: false, leaving: false }, t0)).viewers).toEqual(
      [],
    );
  });

  it("forgets a page that stopped beating (a closed laptop) after a few seconds", async () => {
    const ticketId = new ObjectId().toHexString();
    const t0 = new Date();
    await heartbeat(ticketId, grace, { typing: true, leaving: false }, t0);
    const later = new Date(t0.getTime() + PRESENCE_STALE_MS + 1);
    expect(
      (await heartbeat(ticketId, ada, { typing: false, leaving: false }, later)).viewers,
    ).toEqual([]);
  });

  it("answers through POST /api/tickets/{id}/presence, refusing bad input", async () => {
    const ticketId = new ObjectId().toHexString();
    const post = (json: unknown, id = ticketId) =>
      send(
        presenceRoute.POST,
        `/api/tickets/${id}/presence`,
        { json, as: "agent" },
        { ticketId: id },
      );
    const ok = await post({ typing: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ viewers: [] });
    const bad = await post({ typing: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain("application/problem+json");
    expect((await post({}, "nope")).status).toBe(404);
  });
});
