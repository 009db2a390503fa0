import { createHash } from "node:crypto";
import { ObjectId } from "mongodb";

/**
 * A JSON-ready copy in which equal documents are equal strings whatever their key order, or
 * whether they came from the database or from a projection function. `projectedAt` is left out:
 * when a document was projected is not part of what it says.
 */
export function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof ObjectId) return value.toHexString();
  // The driver stores an undefined field as null, so both must fingerprint the same.
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([key]) => key !== "projectedAt")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, field]) => [key, canonical(field)]));
  }
  return value;
}

/** sha1 of the canonical JSON; base64 rather than hex keeps each kept one 12 characters shorter. */
export function fingerprint(doc: object): string {
  return createHash("sha1")
    .update(JSON.stringify(canonical(doc)))
    .digest("base64");
}
