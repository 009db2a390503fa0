import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import * as health from "@/app/api/health/route";
import * as retry from "@/app/api/projections/dead-letters/[ticketId]/retry/route";
import * as projections from "@/app/api/projections/route";
import { getCollections } from "@/server/db/client";
import { testCollections } from "@/server/testing/read-collections";
import { TICKET_LIST } from "@/server/read-models/ticket-list/collections";
import type { Db } from "mongodb";
import { Projector } from "@/server/projections/projector";
import { as, drainProjectionQueue, create } from "@/server/testing/fixtures";
import { send } from "@/server/testing/http";
import type { ProjectionStatus } from "@/server/projections/status";

describe("projection status, dead letters and health", () => {
  it("shows pending work, then a ticket that keeps failing as a dead letter that can be retried", async () => {
    const cols = await testCollections();
    const { ticketId } = await create({ subject: "Poison", message: "x" }, as());
    const _id = new ObjectId(ticketId);

    let status = (await send(projections.GET, "/api/projections")).body as ProjectionStatus;
    expect(status.pending).toBeGreaterThanOrEqual(1);
    expect(status.oldestPendingAgeMs).not.toBeNull();

    // A projector whose every projection fails: its list collection refuses writes.
    const db = cols.db;
    const broken = {
      ...cols,
      db: Object.assign(Object.create(db) as Db, {
        collection: (name: string) => {
          const collection = db.collection(name);
          if (name !== TICKET_LIST) return collection;
          return Object.assign(Object.create(collection) as typeof collection, {
            updateOne: () => Promise.reject(new Error("disk full")),
          });
        },
      }),
    };
    const failing = new Projector({
      collections: () => Promise.resolve(broken),
      maxAttempts: 2,
      log: () => undefined,
    });
    for (let attempt = 0; attempt < 2; attempt++) {
      await cols.projectionQueue.updateOne({ _id }, { $set: { leaseUntil: new Date(0) } }); // skip the backoff
      await failing.processEntry(broken, _id);
    }
    status = (await send(projections.GET, "/api/projections")).body as ProjectionStatus;
    expect(status.deadLetters).toEqual([
      { ticketId, attempts: 2, lastError: "disk full", since: expect.any(String) },
    ]);
    expect(((await send(health.GET, "/api/health")).body as { status: string }).status).toBe(
      "degraded",
    );

    // Other tickets keep flowing while it is parked.
    const other = await create({ subject: "Healthy", message: "y" }, as());
    await drainProjectionQueue();
    expect(await cols.ticketList.findOne({ _id: new ObjectId(other.ticketId) })).not.toBeNull();
    expect(await cols.ticketList.findOne({ _id })).toBeNull();

    const retried = await send(
      retry.POST,
      `/api/projections/dead-letters/${ticketId}/retry`,
      { method: "POST" },
      { ticketId },
    );
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ ticketId, retried: true });
    await drainProjectionQueue();
    expect(await cols.ticketList.findOne({ _id })).toMatchObject({ version: 1 });
    expect(
      ((await send(projections.GET, "/api/projections")).body as ProjectionStatus).deadLetters,
    ).toEqual([]);

    const again = await send(
      retry.POST,
      `/api/projections/dead-letters/${ticketId}/retry`,
      { method: "POST" },
      { ticketId },
    );
    expect(again.status).toBe(404);
  });

  it("reports a running projector's heartbeat and lag, and health says ok", async () => {
    const cols = await testCollections();
    await drainProjectionQueue();
    const projector = new Projector({
      collections: getCollections,
      pollMs: 20,
      log: () => undefined,
    });
    projector.start();
    try {
      await create({ subject: "Lag", message: "z" }, as());
      await expect
        .poll(
          async () =>
            ((await send(projections.GET, "/api/projections")).body as ProjectionStatus).lagMs.last,
          { timeout: 10_000 },
        )
        .not.toBeNull();
      const status = (await send(projections.GET, "/api/projections")).body as ProjectionStatus;
      expect(status.projectors.map((p) => p.id)).toContain(projector.owner);
      const res = await send(health.GET, "/api/health");
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        database: { reachable: true },
        projector: { running: expect.any(Number) },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/Poison|disk full|host/);
    } finally {
      await projector.stop();
    }
    expect(await cols.projectorStatus.findOne({ _id: projector.owner })).toBeNull();
  });
});
