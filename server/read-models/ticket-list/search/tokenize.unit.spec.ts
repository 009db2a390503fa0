import { describe, expect, it } from "vitest";
import { searchTerms } from "@/server/read-models/ticket-list/search/tokenize";
import { wordsOf } from "@/server/text/words";

describe("wordsOf", () => {
  it("given accents and capitals, when tokenized, then they fold to plain lower case", () => {
    expect(wordsOf("Café CRÈME brûlée Ångström")).toEqual(["cafe", "creme", "brulee", "angstrom"]);
  });

  it("given punctuation, when tokenized, then it splits words and is dropped", () => {
    expect(wordsOf("e-mail: printer's #42, (urgent)!")).toEqual([
      "e",
      "mail",
      "printer",
      "s",
      "42",
      "urgent",
    ]);
  });

  it("given non-Latin scripts and compatibility forms, when tokenized, then they are words", () => {
    expect(wordsOf("Привет мир ｆｕｌｌ ﬁle 東京")).toEqual([
      "привет",
      "мир",
      "full",
      "file",
      "東京",
    ]);
  });

  it("given nothing but separators, when tokenized, then there are no words", () => {
    expect(wordsOf("  --  ... ")).toEqual([]);
  });

  it("given a run longer than a word, when tokenized, then it is left out", () => {
    expect(wordsOf(`ok ${"x".repeat(65)}`)).toEqual(["ok"]);
  });
});

describe("searchTerms", () => {
  it("given several words, when parsed, then all but the last are whole and the last a prefix", () => {
    expect(searchTerms("Refund LATE refund invo")).toEqual({
      words: ["refund", "late"],
      prefix: "invo",
    });
  });

  it("given a repeated last word, when parsed, then it is only the prefix", () => {
    expect(searchTerms("cafe cafe")).toEqual({ words: [], prefix: "cafe" });
  });

  it("given no word, when parsed, then there is no search", () => {
    expect(searchTerms("  !! ")).toBeNull();
    expect(searchTerms(undefined)).toBeNull();
  });
});
