import { describe, expect, it } from "vitest";
import { getCollections } from "@/server/db/client";
import {
  createApiToken,
  listApiTokens,
  resolveApiToken,
  revokeApiToken,
} from "@/server/auth/api-tokens";
import { createSession, resolveSession, endSession } from "@/server/auth/sessions";
import { resetSignInLimits, signIn } from "@/server/auth/sign-in";
import {
  authenticate,
  createUser,
  newUserInput,
  resetPassword,
  setUserActive,
} from "@/server/auth/users";
import { ValidationError } from "@/server/tickets/domain/errors";

let n = 0;
const person = (role: "agent" | "lead" = "agent", password = "correct horse battery") =>
  createUser(
    newUserInput.parse({ email: `Person${++n}@Desk.Test`, name: `Person ${n}`, role, password }),
  );

describe("people", () => {
  it("stores an email lower-cased and a password only as an argon2id hash", async () => {
    const user = await person();
    expect(user.email).toBe(`person${n}@desk.test`);
    const { users } = await getCollections();
    const doc = await users.findOne({ email: user.email });
    expect(doc?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(doc)).not.toContain("correct horse battery");
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    const user = await person();
    await expect(
      createUser(
        newUserInput.parse({
          email: user.email.toUpperCase(),
          name: "Copy",
          role: "lead",
          password: "another long password",
        }),
      ),
    ).rejects.toThrow(ValidationError);
  });

  it("refuses short passwords and bad emails with field messages", () => {
    const parsed = newUserInput.safeParse({
      email: "nope",
      name: "",
      role: "boss",
      password: "short",
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["email", "name", "role", "password"]));
  });

  it("authenticates the right password only, and never a deactivated person", async () => {
    const user = await person();
    expect(await authenticate(user.email, "correct horse battery")).not.toBeNull();
    expect(await authenticate(user.email, "wrong horse battery")).toBeNull();
    expect(await authenticate("nobody@desk.test", "correct horse battery")).toBeNull();
    await setUserActive(user.userId, false);
    expect(await authenticate(user.email, "correct horse battery")).toBeNull();
  });
});

describe("sessions", () => {
  it("a session cookie names its person until it is ended", async () => {
    const user = await person("lead");
    const { cookie } = await createSession(user.userId, { remember: false });
    expect(await resolveSession(cookie)).toMatchObject({
      kind: "user",
      userId: user.userId,
      role: "lead",
    });
    await endSession(cookie);
    expect(await resolveSession(cookie)).toBeNull();
  });

  it("a forged, tampered or expired cookie names no one", async () => {
    const user = await person();
    const { cookie, expiresAt } = await createSession(user.userId, { remember: false });
    expect(await resolveSession("Fe26.2**forged")).toBeNull();
    expect(await resolveSession(`${cookie.slice(0, -2)}xx`)).toBeNull();
    expect(await resolveSession(cookie, new Date(expiresAt.getTime() + 1))).toBeNull();
    expect(await resolveSession(undefined)).toBeNull();
  });

  it("deactivating a person or resetting their password ends their sessions at once", async () => {
    const a = await person();
    const first = await createSession(a.userId, { remember: true });
    await setUserActive(a.userId, false);
    expect(await resolveSession(first.cookie)).toBeNull();
    await setUserActive(a.userId, true);
    expect(await resolveSession(first.cookie)).toBeNull();

    const b = await person();
    const second = await createSession(b.userId, { remember: false });
    await resetPassword(b.userId, "a brand new long password");
    expect(await resolveSession(second.cookie)).toBeNull();
    expect(await authenticate(b.email, "a brand new long password")).not.toBeNull();
  });
});

describe("sign-in", () => {
  it("answers an unknown email exactly like a wrong password", async () => {
    resetSignInLimits();
    const user = await person();
    const unknown = await signIn(
      { email: "ghost@desk.test", password: "whatever it is", remember: false },
      "10.0.0.1",
    );
    const wrong = await signIn(
      { email: user.email, password: "not the password", remember: false },
      "10.0.0.1",
    );
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual(unknown);
  });

  it("after 5 failures an account is locked for a while, even with the right password", async () => {
    resetSignInLimits();
    const user = await person();
    for (let i = 0; i < 5; i++) {
      const result = await signIn(
        { email: user.email, password: `guess ${i} guess`, remember: false },
        `10.0.1.${i}`,
      );
      expect(result.ok).toBe(false);
    }
    const right = await signIn(
      { email: user.email, password: "correct horse battery", remember: false },
      "10.0.1.99",
    );
    expect(right).toMatchObject({ ok: false, reason: "limited" });
    // Another account from another address is not affected.
    const other = await person();
    const ok = await signIn(
      { email: other.email, password: "correct horse battery", remember: false },
      "10.0.2.1",
    );
    expect(ok.ok).toBe(true);
  });

  it("limits one address spraying many accounts", async () => {
    resetSignInLimits();
    for (let i = 0; i < 30; i++) {
      await signIn(
        { email: `spray${i}@desk.test`, password: "Summer2026!!", remember: false },
        "10.9.9.9",
      );
    }
    const user = await person();
    const blocked = await signIn(
      { email: user.email, password: "correct horse battery", remember: false },
      "10.9.9.9",
    );
    expect(blocked).toMatchObject({ ok: false, reason: "limited" });
  });
});

describe("API tokens", () => {
  it("a token is shown once, stored hashed, and works until revoked", async () => {
    const { token, view } = await createApiToken({ name: "CRM sync", scope: "write" }, "Lead One");
    expect(token).toMatch(/^sdt_[\w-]{43}$/);
    const { apiTokens } = await getCollections();
    expect(JSON.stringify(await apiTokens.find({}).toArray())).not.toContain(token.slice(4));

    expect(await resolveApiToken(token)).toEqual({
      kind: "token",
      tokenId: view.tokenId,
      name: "CRM sync",
      scope: "write",
    });
    const listed = (await listApiTokens()).find((t) => t.tokenId === view.tokenId);
    expect(listed?.lastUsedAt).not.toBeNull();

    await revokeApiToken(view.tokenId);
    expect(await resolveApiToken(token)).toBeNull();
    expect(await resolveApiToken(`${token}x`)).toBeNull();
    expect(await resolveApiToken("sdt_unknown")).toBeNull();
  });
});
