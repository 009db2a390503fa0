"use server";

import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken, newTokenInput, revokeApiToken } from "@/server/auth/api-tokens";
import { createUser, newUserInput, resetPassword, setUserActive } from "@/server/auth/users";
import type { ActionIdle, ActionResult } from "@/server/http/action-state";
import { formAction } from "@/server/http/form-action";
import { ValidationError } from "@/server/tickets/domain/errors";

/** What an admin form shows after it ran: a secret shown once, or why it was refused. */
export type AdminState = ActionIdle | ActionResult<AdminDone>;

interface AdminDone {
  status: "done";
  message: string;
  secret?: string;
}

const generatedPassword = () => randomBytes(18).toString("base64url");

// Unknown ids are refused by the functions below, with their own messages.
const userId = z.object({ userId: z.string() });
const tokenId = z.object({ tokenId: z.string() });

const createPerson = formAction({
  access: "admin",
  schema: newUserInput,
  input: (v) => ({
    email: v.email ?? "",
    name: v.name ?? "",
    role: v.role ?? "",
    password: v.password || generatedPassword(),
  }),
  // A typed password is never sent back to the browser.
  echo: () => ({}),
  run: async (input, _caller, typed): Promise<AdminDone> => {
    const user = await createUser(input);
    revalidatePath("/admin/people");
    return {
      status: "done",
      message: `Created ${user.role} ${user.name} <${user.email}>.`,
      secret: typed.password ? undefined : input.password,
    };
  },
});

const setPersonActive = formAction({
  access: "admin",
  schema: userId.extend({ active: z.boolean() }),
  input: (v) => ({ userId: v.userId ?? "", active: v.active === "true" }),
  run: async ({ userId, active }, { principal }): Promise<AdminDone> => {
    if (!active && userId === principal.userId) {
      throw new ValidationError("You cannot deactivate yourself.", {
        userId: ["You cannot deactivate yourself."],
      });
    }
    await setUserActive(userId, active);
    revalidatePath("/admin/people");
    return {
      status: "done",
      message: active ? "Reactivated." : "Deactivated; their sessions have ended.",
    };
  },
});

const resetPasswordOf = formAction({
  access: "admin",
  schema: userId,
  input: (v) => ({ userId: v.userId ?? "" }),
  run: async (input): Promise<AdminDone> => {
    const password = generatedPassword();
    await resetPassword(input.userId, password);
    return {
      status: "done",
      message: "New password set; their sessions have ended. Give them this password:",
      secret: password,
    };
  },
});

const createToken = formAction({
  access: "admin",
  schema: newTokenInput,
  input: (v) => ({ name: v.name ?? "", scope: v.scope ?? "" }),
  run: async (input, { principal }): Promise<AdminDone> => {
    const { token, view } = await createApiToken(input, principal.name);
    revalidatePath("/admin/tokens");
    return {
      status: "done",
      message: `Created ${view.scope} token “${view.name}”. Copy it now: it is not shown again.`,
      secret: token,
    };
  },
});

const revokeToken = formAction({
  access: "admin",
  schema: tokenId,
  input: (v) => ({ tokenId: v.tokenId ?? "" }),
  run: async (input): Promise<AdminDone> => {
    await revokeApiToken(input.tokenId);
    revalidatePath("/admin/tokens");
    return { status: "done", message: "Revoked. Requests with this token now get 401." };
  },
});

export async function createPersonAction(previous: AdminState, form: FormData) {
  return createPerson(previous, form);
}

export async function setPersonActiveAction(previous: AdminState, form: FormData) {
  return setPersonActive(previous, form);
}

export async function resetPasswordAction(previous: AdminState, form: FormData) {
  return resetPasswordOf(previous, form);
}

export async function createTokenAction(previous: AdminState, form: FormData) {
  return createToken(previous, form);
}

export async function revokeTokenAction(previous: AdminState, form: FormData) {
  return revokeToken(previous, form);
}
