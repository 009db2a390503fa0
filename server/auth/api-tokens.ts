import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { getCollections } from "@/server/db/client";
import { TOKEN_SCOPES, type TokenPrincipal, type TokenScope } from "@/server/auth/types";
import { ValidationError } from "@/server/tickets/domain/errors";
import type { ApiTokenDocument } from "@/server/auth/documents";

export interface ApiTokenView {
  tokenId: string;
  name: string;
  scope: TokenScope;
  prefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const TOKEN_PREFIX = "sdt_";
/** lastUsedAt is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

export const newTokenInput = z.strictObject({
  name: z
    .string({ error: "Name is required." })
    .trim()
    .min(1, { error: "Name is required." })
    .max(60, { error: "Name must be at most 60 characters." }),
  scope: z.enum(TOKEN_SCOPES, { error: "Scope must be read or write." }),
});
export type NewTokenInput = z.infer<typeof newTokenInput>;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

const toView = (doc: ApiTokenDocument): ApiTokenView => ({
  tokenId: doc.tokenId,
  name: doc.name,
  scope: doc.scope,
  prefix: doc.prefix,
  createdAt: doc.createdAt.toISOString(),
  createdBy: doc.createdBy,
  revokedAt: doc.revokedAt?.toISOString() ?? null,
  lastUsedAt: doc.lastUsedAt?.toISOString() ?? null,
});

/** Creates a token and returns it: the only time it is ever visible. */
export async function createApiToken(
  input: NewTokenInput,
  createdBy: string,
  now = new Date(),
): Promise<{ token: string; view: ApiTokenView }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const doc: ApiTokenDocument = {
    _id: digest(token),
    tokenId: randomBytes(8).toString("hex"),
    name: input.name,
    scope: input.scope,
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    createdAt: now,
    createdBy,
    revokedAt: null,
    lastUsedAt: null,
  };
  const { apiTokens } = await getCollections();
  await apiTokens.insertOne(doc);
  return { token, view: toView(doc) };
}

/** The caller a bearer token stands for, or null when it is unknown or revoked. */
export async function resolveApiToken(
  token: string,
  now = new Date(),
): Promise<TokenPrincipal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const { apiTokens } = await getCollections();
  const doc = await apiTokens.findOne({ _id: digest(token) });
  if (!doc || doc.revokedAt !== null) return null;
  if (!doc.lastUsedAt || now.getTime() - doc.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await apiTokens.updateOne({ _id: doc._id }, { $set: { lastUsedAt: now } });
  }
  return { kind: "token", tokenId: doc.tokenId, name: doc.name, scope: doc.scope };
}

export async function listApiTokens(): Promise<ApiTokenView[]> {
  const { apiTokens } = await getCollections();
  const docs = await apiTokens.find({}).sort({ createdAt: -1 }).limit(1_000).toArray();
  return docs.map(toView);
}

export async function revokeApiToken(tokenId: string, now = new Date()): Promise<void> {
  const { apiTokens } = await getCollections();
  const result = await apiTokens.updateOne(
    { tokenId: String(tokenId), revokedAt: null },
    { $set: { revokedAt: now } },
  );
  if (result.matchedCount === 0) {
    const exists = await apiTokens.countDocuments({ tokenId: String(tokenId) }, { limit: 1 });
    if (exists === 0) {
      throw new ValidationError("Unknown token.", { tokenId: ["Unknown token."] });
    }
  }
}
