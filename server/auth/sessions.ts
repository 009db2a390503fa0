import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { ObjectId } from "mongodb";
import { getCollections } from "@/server/db/client";
import { isDuplicateKey } from "@/server/db/errors";
import { toUserPrincipal } from "@/server/auth/users";
import type { UserPrincipal } from "@/server/auth/types";

export const SESSION_COOKIE = "desk_session";
/** A session lasts a working day; "remember me" makes it 30 days. */
const SESSION_TTL_MS = 12 * 3_600_000;
const REMEMBER_TTL_MS = 30 * 24 * 3_600_000;
/** lastSeenAt is written at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 5 * 60_000;

const digest = (secret: string) => createHash("sha256").update(secret).digest("hex");

let secretPromise: Promise<string> | undefined;

/**
 * The key cookies are sealed with: SESSION_SECRET, or one generated on first use and kept in
 * the database, so every app process sharing the database agrees and a restart keeps sessions.
 */
function sessionSecret(): Promise<string> {
  const configured = process.env.SESSION_SECRET;
  if (configured) {
    if (configured.length < 32) throw new Error("SESSION_SECRET must be at least 32 characters.");
    return Promise.resolve(configured);
  }
  secretPromise ??= (async () => {
    const { settings } = await getCollections();
    const existing = await settings.findOne({ _id: "session-secret" });
    if (existing) return existing.value;
    const value = randomBytes(32).toString("base64url");
    try {
      await settings.insertOne({ _id: "session-secret", value, createdAt: new Date() });
      return value;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const winner = await settings.findOne({ _id: "session-secret" });
      if (!winner) throw error;
      return winner.value;
    }
  })().catch((error: unknown) => {
    secretPromise = undefined;
    throw error;
  });
  return secretPromise;
}

export interface NewSession {
  /** The sealed cookie value. */
  cookie: string;
  expiresAt: Date;
}

export async function createSession(
  userId: string,
  options: { remember: boolean; now?: Date },
): Promise<NewSession> {
  const now = options.now ?? new Date();
  const ttl = options.remember ? REMEMBER_TTL_MS : SESSION_TTL_MS;
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttl);
  const { sessions } = await getCollections();
  await sessions.insertOne({
    _id: digest(secret),
    userId,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
  });
  const cookie = await sealData(
    { s: secret },
    { password: await sessionSecret(), ttl: Math.ceil(ttl / 1000) },
  );
  return { cookie, expiresAt };
}

async function secretOf(cookie: string): Promise<string | null> {
  try {
    const data = await unsealData<{ s?: unknown }>(cookie, { password: await sessionSecret() });
    return typeof data.s === "string" ? data.s : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in person for a cookie, or null when the cookie is forged, the session expired or
 * was ended, or the person was deactivated. Checked against the database on every request, so
 * ending a session takes effect at once.
 */
export async function resolveSession(
  cookie: string | undefined,
  now = new Date(),
): Promise<UserPrincipal | null> {
  if (!cookie || cookie.length > 4_096) return null;
  const secret = await secretOf(cookie);
  if (!secret) return null;
  const { sessions, users } = await getCollections();
  const session = await sessions.findOne({ _id: digest(secret) });
  if (!session || session.expiresAt <= now) return null;
  if (!ObjectId.isValid(session.userId)) return null;
  const user = await users.findOne({ _id: ObjectId.createFromHexString(session.userId) });
  if (!user?.active) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await sessions.updateOne({ _id: session._id }, { $set: { lastSeenAt: now } });
  }
  return toUserPrincipal(user);
}

export async function endSession(cookie: string | undefined): Promise<void> {
  if (!cookie) return;
  const secret = await secretOf(cookie);
  if (!secret) return;
  const { sessions } = await getCollections();
  await sessions.deleteOne({ _id: digest(secret) });
}
