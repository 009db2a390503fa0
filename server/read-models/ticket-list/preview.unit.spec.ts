import { describe, expect, it } from "vitest";
import { PREVIEW_LENGTH, preview } from "@/server/read-models/ticket-list/preview";

const graphemes = (text: string) => [...new Intl.Segmenter().segment(text)].length;

describe("preview", () => {
  it("leaves a short message unchanged", () => {
    expect(preview("Printer is on fire")).toBe("Printer is on fire");
  });

  it("collapses whitespace and newlines into single spaces", () => {
    expect(preview("  Hello,\n\n  my\tprinter\r\n is   broken.  ")).toBe(
      "Hello, my printer is broken.",
    );
  });

  it("cuts a long message on a word boundary and adds an ellipsis", () => {
    const message = `${"word ".repeat(40)}end`;
    const result = preview(message);
    expect(result.endsWith("…")).toBe(true);
    expect(graphemes(result)).toBeLessThanOrEqual(PREVIEW_LENGTH + 1);
    // Every word kept is whole.
    expect(
      result
        .slice(0, -1)
        .split(" ")
        .every((w) => w === "word"),
    ).toBe(true);
  });

  it("keeps a message of exactly the limit whole", () => {
    const message = "a".repeat(PREVIEW_LENGTH);
    expect(preview(message)).toBe(message);
  });

  it("never splits an emoji or other multi-unit character", () => {
    const family = "👨‍👩‍👧‍👦"; // one grapheme of 11 UTF-16 units
    const message = family.repeat(200);
    const result = preview(message);
    expect(result.endsWith("…")).toBe(true);
    const kept = result.slice(0, -1);
    expect(kept.length % family.length).toBe(0);
    expect([...new Intl.Segmenter().segment(kept)].every((s) => s.segment === family)).toBe(true);
  });

  it("does not cut inside a combining sequence or a flag", () => {
    const text = `${"e\u0301🇺🇦 ".repeat(60)}`;
    const kept = preview(text).slice(0, -1);
    expect(kept.normalize("NFC")).toMatch(/^(é🇺🇦 ?)+$/u);
  });

  it("cuts one very long word mid-word rather than returning almost nothing", () => {
    const result = preview(`Hi ${"x".repeat(500)}`);
    expect(graphemes(result)).toBe(PREVIEW_LENGTH + 1);
  });

  it("does not leave trailing punctuation before the ellipsis", () => {
    const message = `${"Sentence one here. ".repeat(10)}`;
    expect(preview(message)).toMatch(/[a-z]…$/);
  });

  it("handles text written without spaces, such as Chinese", () => {
    const result = preview("我的打印机坏了".repeat(40));
    expect(graphemes(result)).toBe(PREVIEW_LENGTH + 1);
    expect(result.endsWith("…")).toBe(true);
  });
});
