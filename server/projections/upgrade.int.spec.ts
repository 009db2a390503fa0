import { describe, expect, it } from "vitest";
import { getCollections } from "@/server/db/client";
import { collections } from "@/server/db/collections";
import { READ_MODEL_SCHEMA } from "@/server/read-models/registry";
import { ticketListCollections } from "@/server/read-models/ticket-list/collections";
import { upgradeReadModels } from "@/server/projections/rebuild";
import { verifyProjections } from "@/server/projections/verify";
import { drainProjectionQueue, create } from "@/server/testing/fixtures";

describe("read models of an older shape", () => {
  it("are marked current on a new desk, and rebuilt on a desk that has tickets", async () => {
    const { db, registry, tickets } = await getCollections();
    await tickets.deleteMany({});
    await registry.deleteMany({});
    expect(await upgradeReadModels(db)).toBe(false);
    expect(await registry.findOne({ _id: "active" })).toMatchObject({
      generation: 0,
      schema: READ_MODEL_SCHEMA,
    });

    // A desk whose read models an older version built: no schema in the registry.
    await create({ subject: "Before the upgrade", message: "m" });
    await drainProjectionQueue();
    await registry.updateOne({ _id: "active" }, { $unset: { schema: "" } });
    const lines: string[] = [];
    expect(await upgradeReadModels(db, { log: (line) => lines.push(line) })).toBe(true);
    expect(lines[0]).toMatch(/older version/);
    const active = await registry.findOne({ _id: "active" });
    expect(active).toMatchObject({ generation: 1, schema: READ_MODEL_SCHEMA });
    const rebuilt = collections(db, active!.generation);
    expect(await ticketListCollections(rebuilt).keys.countDocuments({})).toBe(8); // its facets, and the awaiting-reply key by the customer's time
    expect((await verifyProjections(rebuilt, { waitForQueueMs: 0 })).drift).toEqual([]);
    expect(await upgradeReadModels(db)).toBe(false);
  });
});
