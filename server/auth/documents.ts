// The documents of the auth collections: types only, so the collection registry
// (server/db/collections.ts) can name them without importing the modules that use them.
import type { ObjectId } from "mongodb";
import type { Role, TokenScope } from "@/server/auth/types";

export interface UserDocument {
  _id: ObjectId;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  role: Role;
  /** argon2id; the password itself is never stored. */
  passwordHash: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface SessionDocument {
  /** sha256 of the session's secret: the secret itself lives only in the person's cookie. */
  _id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
}

export interface SettingDocument {
  _id: string;
  value: string;
  createdAt: Date;
}

export interface ApiTokenDocument {
  /** sha256 of the token: the token itself is shown once and never stored. */
  _id: string;
  /** A public handle for the token (for lists and revoking); reveals nothing about it. */
  tokenId: string;
  name: string;
  scope: TokenScope;
  /** The token's first characters, so people can tell their tokens apart. */
  prefix: string;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}
