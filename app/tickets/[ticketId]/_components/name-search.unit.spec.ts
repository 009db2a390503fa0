import { describe, expect, it } from "vitest";
import {
  insertAt,
  matchingByName,
  savedReplyQuery,
} from "@/app/tickets/[ticketId]/_components/name-search";

const replies = [{ name: "Refund issued" }, { name: "Café hours" }, { name: "Password reset" }];

describe("typing # for a saved reply", () => {
  it("finds the #word just before the caret, at the start or after a space only", () => {
    expect(savedReplyQuery("#ref", 4)).toEqual({ search: "ref", from: 0, to: 4 });
    expect(savedReplyQuery("Hi there #pa", 12)).toEqual({ search: "pa", from: 9, to: 12 });
    expect(savedReplyQuery("Hi #", 4)).toEqual({ search: "", from: 3, to: 4 });
    // An issue number or a word after the caret is not a query.
    expect(savedReplyQuery("see issue#12", 12)).toBeNull();
    expect(savedReplyQuery("#ref done", 9)).toBeNull();
  });

  it("matches names containing the search, accent- and case-insensitively, prefixes first", () => {
    expect(matchingByName(replies, "cafe").map((r) => r.name)).toEqual(["Café hours"]);
    expect(matchingByName(replies, "RE").map((r) => r.name)).toEqual([
      "Refund issued",
      "Password reset",
    ]);
    expect(matchingByName(replies, "")).toHaveLength(3);
    expect(matchingByName(replies, "zzz")).toEqual([]);
  });

  it("replaces the #word with the reply and puts the caret after it", () => {
    expect(insertAt("Hello #ref!", { from: 6, to: 10 }, "Your refund")).toEqual({
      text: "Hello Your refund!",
      caret: 17,
    });
  });
});
