import "server-only";
import { ObjectId } from "mongodb";
import { z } from "zod";
import { getCollections } from "@/server/db/client";
import { isDuplicateKey } from "@/server/db/errors";
import {
  burnPasswordCheck,
  hashPassword,
  passwordSchema,
  verifyPassword,
} from "@/server/auth/passwords";
import { ROLES, type Role, type UserPrincipal } from "@/server/auth/types";
import { ValidationError } from "@/server/tickets/domain/errors";
import type { UserDocument } from "@/server/auth/documents";

/** What the people page shows: never the hash. */
export interface UserView {
  userId: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

export const emailSchema = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .min(3, { error: "Enter an email address." })
  .max(254, { error: "Email must be at most 254 characters." })
  .pipe(z.email({ error: "Enter a valid email address." }));

export const newUserInput = z.strictObject({
  email: emailSchema,
  name: z
    .string({ error: "Name is required." })
    .trim()
    .min(1, { error: "Name is required." })
    .max(100, { error: "Name must be at most 100 characters." }),
  role: z.enum(ROLES, { error: "Role must be agent or lead." }),
  password: passwordSchema,
});
export type NewUserInput = z.infer<typeof newUserInput>;

const userIdSchema = z.string().regex(/^[0-9a-f]{24}$/, { error: "Unknown person." });

const toUserView = (doc: UserDocument): UserView => ({
  userId: doc._id.toHexString(),
  email: doc.email,
  name: doc.name,
  role: doc.role,
  active: doc.active,
  createdAt: doc.createdAt.toISOString(),
});

export const toUserPrincipal = (doc: UserDocument): UserPrincipal => ({
  kind: "user",
  userId: doc._id.toHexString(),
  email: doc.email,
  name: doc.name,
  role: doc.role,
});

export async function createUser(input: NewUserInput, now = new Date()): Promise<UserView> {
  const { users } = await getCollections();
  const doc: UserDocument = {
    _id: new ObjectId(),
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    active: true,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await users.insertOne(doc);
  } catch (error) {
    if (isDuplicateKey(error)) {
      throw new ValidationError("There is already an account with this email.", {
        email: ["There is already an account with this email."],
      });
    }
    throw error;
  }
  return toUserView(doc);
}

export async function findUserByEmail(email: string): Promise<UserDocument | null> {
  const { users } = await getCollections();
  return users.findOne({ email: email.trim().toLowerCase() });
}

async function getUser(userId: string): Promise<UserDocument | null> {
  if (!userIdSchema.safeParse(userId).success) return null;
  const { users } = await getCollections();
  return users.findOne({ _id: ObjectId.createFromHexString(userId) });
}

export async function listUsers(): Promise<UserView[]> {
  const { users } = await getCollections();
  const docs = await users.find({}).sort({ createdAt: 1 }).limit(1_000).toArray();
  return docs.map(toUserView);
}

/**
 * The account for an email and password, or null. An unknown email costs the same work as a
 * wrong password, and a deactivated account answers like a wrong password.
 */
export async function authenticate(email: string, password: string): Promise<UserDocument | null> {
  const user = await findUserByEmail(email);
  if (!user) {
    await burnPasswordCheck(password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  return ok && user.active ? user : null;
}

function notFound(): never {
  throw new ValidationError("Unknown person.", { userId: ["Unknown person."] });
}

/** Deactivates or reactivates someone; deactivating ends their sessions at once. */
export async function setUserActive(userId: string, active: boolean, now = new Date()) {
  const user = await getUser(userId);
  if (!user) notFound();
  const { users, sessions } = await getCollections();
  await users.updateOne({ _id: user._id }, { $set: { active, updatedAt: now } });
  if (!active) await sessions.deleteMany({ userId: user._id.toHexString() });
}

/** Sets a new password and ends every session of that person. */
export async function resetPassword(userId: string, password: string, now = new Date()) {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) {
    throw new ValidationError("Choose a longer password.", {
      password: parsed.error.issues.map((i) => i.message),
    });
  }
  const user = await getUser(userId);
  if (!user) notFound();
  const { users, sessions } = await getCollections();
  await users.updateOne(
    { _id: user._id },
    { $set: { passwordHash: await hashPassword(parsed.data), updatedAt: now } },
  );
  await sessions.deleteMany({ userId: user._id.toHexString() });
}
