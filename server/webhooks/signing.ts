// Standard Webhooks signatures (https://www.standardwebhooks.com), made by the reference
// `standardwebhooks` package so consumers can verify with the same package.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { SigningSecret } from "@/server/webhooks/collection";

/** How long a rotated-out secret still signs. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;

/** A new secret in the format the package (and other Standard Webhooks libraries) read. */
export const newSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/** The secrets that sign now: the current one, and a rotated-out one within its 24 hours. */
const signingSecrets = (secrets: SigningSecret[], now: Date) =>
  secrets.filter((s) => s.expiresAt === null || s.expiresAt > now);

/** The three Standard Webhooks headers; with two secrets, two space-separated signatures. */
export function signedHeaders(
  secrets: SigningSecret[],
  id: string,
  body: string,
  now: Date,
): Record<string, string> {
  const at = new Date(Math.floor(now.getTime() / 1_000) * 1_000);
  const signatures = signingSecrets(secrets, now).map((s) =>
    new Webhook(s.secret).sign(id, at, body),
  );
  return {
    "webhook-id": id,
    "webhook-timestamp": String(at.getTime() / 1_000),
    "webhook-signature": signatures.join(" "),
  };
}
