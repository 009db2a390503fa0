import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import { getCollections } from "@/server/db/client";
import { guardedBulk, insertMissing, insertOrUpsert } from "@/server/projections/bulk-writes";

interface Doc {
  _id: ObjectId;
  version: number;
  text: string;
}

describe("batched guarded writes", () => {
  it("apply every statement after one that collides with a newer copy", async () => {
    // FerretDB stops an unordered bulk write at its first failed statement; every statement
    // after it must still be applied.
    const { db } = await getCollections();
    const docs = db.collection<Doc>("guarded_bulk_test");
    const ids = Array.from({ length: 6 }, () => new ObjectId());
    await docs.insertMany([
      { _id: ids[0]!, version: 1, text: "old" },
      { _id: ids[1]!, version: 9, text: "newer" },
      { _id: ids[2]!, version: 1, text: "old" },
      { _id: ids[3]!, version: 9, text: "newer" },
      { _id: ids[4]!, version: 1, text: "old" },
    ]);
    await guardedBulk(
      docs,
      ids.map((_id) => ({ _id, version: 3, text: "v3" })),
    );
    const stored = await docs.find({}).sort({ _id: 1 }).toArray();
    expect(stored.map((d) => `${d.version}:${d.text}`)).toEqual([
      "3:v3",
      "9:newer",
      "3:v3",
      "9:newer",
      "3:v3",
      "3:v3",
    ]);

    await insertOrUpsert(
      docs,
      ids.map((_id) => ({ _id, version: 5, text: "v5" })),
    );
    expect((await docs.find({}).sort({ _id: 1 }).toArray()).map((d) => d.version)).toEqual([
      5, 9, 5, 9, 5, 5,
    ]);
  });

  it("insert every new document that follows one already there", async () => {
    const { db } = await getCollections();
    const docs = db.collection<Doc>("insert_after_collision_test");
    const [old, a, b, c] = Array.from({ length: 4 }, () => new ObjectId());
    await docs.insertOne({ _id: old!, version: 9, text: "newer" });
    await insertOrUpsert(docs, [
      { _id: a!, version: 1, text: "a" },
      { _id: old!, version: 2, text: "older" },
      { _id: b!, version: 1, text: "b" },
    ]);
    await insertMissing(docs, [
      { _id: b!, version: 7, text: "not this" },
      { _id: c!, version: 1, text: "c" },
    ]);
    const stored = await docs.find({}).toArray();
    expect(Object.fromEntries(stored.map((d) => [d._id.toHexString(), d.text]))).toEqual({
      [old!.toHexString()]: "newer",
      [a!.toHexString()]: "a",
      [b!.toHexString()]: "b",
      [c!.toHexString()]: "c",
    });
  });
});
