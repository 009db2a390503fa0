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
  assigneeId: "65a1b2c3d4e5f60718290001",
  priority: "high" as const,
  hasNote: true,
  customer: { email: "sam|x@example.test", name: null },
  tags: ["billing", "vpn-2"],
  awaitingReply: true,
  firstResponseAt: new Date(1_700_000_000_100),
  firstResponderId: "65a1b2c3d4e5f60718290002",
  lastMessageAt: new Date(1_700_000_000_050),
  updatedAt: new Date(1_700_000_000_123),
  version: 4,
};
const inRange = (key: string, range: { $gt: string; $lt: string }) =>
  key > range.$gt && key < range.$lt;

describe("list keys", () => {
  it("given a row, lists it under every facet at its update time, id and version", () => {
    const keys = listKeysOf(row);
    // all, s, a, sa, p, n, aa, c, two tags, w, f, f:<responder>; then wo, by the customer's time
    expect(keys).toHaveLength(14);
    expect(keys.at(-1)).toBe(`wo|1700000000050|${id.toHexString()}|4`);
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
      { status: ["triaged"], assigneeId: row.assigneeId },
      { status: ["triaged"] },
      { assigneeId: row.assigneeId },
      { customer: "sam|x@example.test" },
      { tag: "vpn-2" },
      { awaitingReply: true },
      { unassigned: false },
      { priority: "high" },
      { hasNote: true },
      { firstResponderId: row.firstResponderId },
      { responded: true },
      {},
    ]) {
      expect(a).toEqual(expect.arrayContaining(facetsFor(filter)));
    }
    expect(facetsFor({ status: ["open", "closed"] })).toEqual(["s:open", "s:closed"]);
    expect(facetsFor({ status: ["open"], unassigned: true })).toEqual(["sa:open:-"]);
    // A tag that is a prefix of another reads only its own keys.
    const [vpn] = listKeysOf({ ...row, tags: ["vpn"] }).filter((k) => k.startsWith("t:"));
    const [vpn2] = listKeysOf({ ...row, tags: ["vpn-2"] }).filter((k) => k.startsWith("t:"));
    const range = facetRange(facetsFor({ tag: "vpn" })[0]!);
    expect(inRange(vpn!, range)).toBe(true);
    expect(inRange(vpn2!, range)).toBe(false);
    // A customer email holding the separator still reads as one facet.
    const [customer] = listKeysOf(row).filter((k) => k.startsWith("c:"));
    expect(parseListKey(customer!).ticketId).toBe(id.toHexString());
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
