import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { COLLECTIONS } from "@/server/db/collections";
import { ValidationError } from "@/server/tickets/domain/errors";

/** A filter set an agent named, to pick again from the list's menu. */
interface SavedViewDocument {
  /** Derived from (userId, name), so saving a name again replaces it with one `_id` upsert. */
  _id: string;
  userId: string;
  name: string;
  /** The list's query string without `?` and without a page cursor: `status=open&q=vpn`. */
  query: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SavedView {
  id: string;
  name: string;
  query: string;
}

const MAX_SAVED_VIEWS = 50;

const savedViewNameSchema = z
  .string({ error: "Name must be text." })
  .trim()
  .min(1, { error: "Name is required." })
  .max(60, { error: "Name must be at most 60 characters." })
  .refine((v) => !v.includes("\u0000"), {
    error: "Name contains characters that are not allowed.",
  });

export const saveViewInput = z.strictObject({
  name: savedViewNameSchema,
  query: z
    .string({ error: "The filters must be text." })
    .max(2_000, { error: "The filters are too long to save." })
    .transform(normalizeQuery),
});
export type SaveViewInput = z.infer<typeof saveViewInput>;

export const savedViewIdSchema = z.string().regex(/^[0-9a-f]{24}$/, { error: "Unknown view." });

/** Only filters are worth saving: a page position (cursor) would go stale. */
function normalizeQuery(raw: string): string {
  const params = new URLSearchParams(raw.startsWith("?") ? raw.slice(1) : raw);
  params.delete("cursor");
  params.sort();
  return params.toString();
}

// The embedded database reads one row only for an exact `{_id}` filter, so the id is the key.
const viewId = (userId: string, name: string) =>
  createHash("sha256").update(`${userId}\n${name}`).digest("hex").slice(0, 24);

async function savedViews() {
  return (await getDb()).collection<SavedViewDocument>(COLLECTIONS.savedViews);
}

const toView = (doc: SavedViewDocument): SavedView => ({
  id: doc._id,
  name: doc.name,
  query: doc.query,
});

/** One agent's views, by name. */
export async function listSavedViews(userId: string): Promise<SavedView[]> {
  const docs = await (
    await savedViews()
  )
    .find({ userId })
    .sort({ name: 1 })
    .limit(MAX_SAVED_VIEWS)
    .toArray();
  return docs.map(toView);
}

/** Saves a view under a name; the same name again replaces its filters. */
export async function saveView(
  userId: string,
  input: SaveViewInput,
  now = new Date(),
): Promise<SavedView> {
  const collection = await savedViews();
  const _id = viewId(userId, input.name);
  const existing = await collection.findOne({ _id });
  if (!existing && (await collection.countDocuments({ userId })) >= MAX_SAVED_VIEWS) {
    throw new ValidationError("Too many saved views.", {
      name: [`You can keep at most ${MAX_SAVED_VIEWS} views: delete one first.`],
    });
  }
  await collection.updateOne(
    { _id },
    {
      $set: { query: input.query, updatedAt: now },
      $setOnInsert: { userId, name: input.name, createdAt: now },
    },
    { upsert: true },
  );
  return { id: _id, name: input.name, query: input.query };
}

/** Deletes one of the agent's own views; another agent's id deletes nothing. */
export async function deleteView(userId: string, id: string): Promise<boolean> {
  const result = await (await savedViews()).deleteOne({ _id: id, userId });
  return result.deletedCount === 1;
}
