import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). `2` is Algorithm.Argon2id,
// a const enum the library's types export, which isolated modules cannot reference.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;

export const passwordSchema = z
  .string({ error: "Password is required." })
  .min(PASSWORD_MIN, { error: `Password must be at least ${PASSWORD_MIN} characters.` })
  .max(256, { error: "Password must be at most 256 characters." });

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same work as a real check, for a sign-in with an unknown email, so timing does not
 * tell whether an account exists.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("a password no account has, used to spend equal time");
  await verifyPassword(await dummy, password);
}
