"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientAddress, sessionCookieOptions } from "@/server/auth/cookies";
import { endSession, SESSION_COOKIE } from "@/server/auth/sessions";
import { signIn } from "@/server/auth/sign-in";
import { safeNext } from "@/server/auth/require";

export interface SignInState {
  error: string | null;
  email: string;
}

/** Signs in, or says why not without telling whether the email has an account. */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.slice(0, 300) : "";
  };
  const email = text("email");
  const password = text("password");
  const remember = form.get("remember") === "on";
  const head = await headers();
  const result = await signIn({ email, password, remember }, clientAddress(head));
  if (!result.ok) {
    return {
      email,
      error:
        result.reason === "limited"
          ? `Too many failed sign-ins. Try again in ${Math.max(1, Math.ceil(result.retryAfterS / 60))} minutes.`
          : "The email or password is not right.",
    };
  }
  const jar = await cookies();
  jar.set(
    SESSION_COOKIE,
    result.session.cookie,
    sessionCookieOptions(head, remember ? result.session.expiresAt : undefined),
  );
  redirect(safeNext(form.get("next")));
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  await endSession(jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  redirect("/sign-in?signedOut=1");
}
