import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import {
  facetRange,
  facetsFor,
  listKeysOf,
  parseListKey,
} from "@/server/read-models/ticket-list/keys";

const id = new ObjectId("65a1b2c3d4e5f60718293a4b");
const row = {
  _id: id,
  status: "triaged" as const,
  assignee: "Линус",
  priority: "high" as const,
  hasNote: true,
  updatedAt: new Date(1_700_000_000_123),
  version: 4,
};
const inRange = (key: string, range: { $gt: string; $lt: string }) =>
  key > range.$gt && key < range.$lt;

describe("list keys", () => {
  it("given a row, lists it under every facet at its update time, id and version", () => {
    const keys = listKeysOf(row);
    expect(keys).toHaveLength(7);
    expect(keys[0]).toBe(`all|1700000000123|${id.toHexString()}|4`);
    expect(keys.map((k) => parseListKey(k).facet)).toContain("s:triaged");
    expect(parseListKey(keys[1]!)).toEqual({
      facet: "s:triaged",
      position: `1700000000123|${id.toHexString()}`,
      ticketId: id.toHexString(),
      version: 4,
    });
  });

  it("given a filter, reads the facet that holds exactly its rows when there is one", () => {
    const a = listKeysOf(row).map((k) => parseListKey(k).facet);
    for (const filter of [
      { status: ["triaged"], assignee: "Линус" },
      { status: ["triaged"] },
      { assignee: "Линус" },
      { unassigned: false },
      { priority: "high" },
      { hasNote: true },
      {},
    ]) {
      expect(a).toEqual(expect.arrayContaining(facetsFor(filter)));
    }
    expect(facetsFor({ status: ["open", "closed"] })).toEqual(["s:open", "s:closed"]);
    expect(facetsFor({ status: ["open"], unassigned: true })).toEqual(["sa:open:-"]);
    // An assignee whose name is a prefix of another's reads only their own keys.
    const [ann] = listKeysOf({ ...row, assignee: "Ann" }).filter((k) => k.startsWith("a:"));
    const [anna] = listKeysOf({ ...row, assignee: "Anna" }).filter((k) => k.startsWith("a:"));
    const range = facetRange(facetsFor({ assignee: "Ann" })[0]!);
    expect(inRange(ann!, range)).toBe(true);
    expect(inRange(anna!, range)).toBe(false);
  });

  it("given a cursor at a row, the range below it excludes that row and keeps older ones", () => {
    const [key] = listKeysOf(row);
    const { position } = parseListKey(key!);
    expect(inRange(key!, facetRange("all", position))).toBe(false);
    const [older] = listKeysOf({ ...row, updatedAt: new Date(1_700_000_000_122) });
    expect(inRange(older!, facetRange("all", position))).toBe(true);
    const [sameTimeLowerId] = listKeysOf({ ...row, _id: new ObjectId("65a1b2c3d4e5f60718293a4a") });
    expect(inRange(sameTimeLowerId!, facetRange("all", position))).toBe(true);
  });
});
