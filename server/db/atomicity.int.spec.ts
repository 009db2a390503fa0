import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";

// The design rests on single-document writes being atomic. MongoDB guarantees it; the embedded
// FerretDB only does with the patch scripts/install-ferretdb.mjs applies. These tests fail on an
// unpatched build (measured: 50 concurrent $inc → 3).
describe("the database makes single-document writes atomic", () => {
  it("counts every one of 50 concurrent $inc on one document", async () => {
    const counters = (await getDb()).collection<{ _id: ObjectId; n: number }>("atomicity_counters");
    const _id = new ObjectId();
    await counters.insertOne({ _id, n: 0 });
    await Promise.all(
      Array.from({ length: 50 }, () => counters.updateOne({ _id }, { $inc: { n: 1 } })),
    );
    expect((await counters.findOne({ _id }))?.n).toBe(50);
  });

  it("lets exactly one of 10 concurrent writers guarded by the same version win", async () => {
    const docs = (await getDb()).collection<{ _id: ObjectId; version: number; writer?: number }>(
      "atomicity_docs",
    );
    for (let round = 0; round < 5; round++) {
      const _id = new ObjectId();
      await docs.insertOne({ _id, version: 1 });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, writer) =>
          docs.updateOne({ _id, version: 1 }, { $set: { version: 2, writer } }),
        ),
      );
      expect(results.filter((r) => r.matchedCount === 1)).toHaveLength(1);
    }
  });
});
