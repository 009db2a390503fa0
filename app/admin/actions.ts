"use server";

import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { createApiToken, newTokenInput, revokeApiToken } from "@/server/auth/api-tokens";
import { actionPrincipal } from "@/server/http/authorized-action";
import { fieldErrorsOf } from "@/server/http/validation";
import { createUser, newUserInput, resetPassword, setUserActive } from "@/server/auth/users";
import { ValidationError } from "@/server/tickets/domain/errors";

/** What an admin form shows after it ran: a secret shown once, or why it was refused. */
export type AdminState =
  | { status: "idle" }
  | { status: "done"; message: string; secret?: string }
  | { status: "error"; message: string; fieldErrors: Record<string, string[]> };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

async function attempt(run: () => Promise<AdminState>): Promise<AdminState> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ValidationError) {
      return { status: "error", message: error.message, fieldErrors: error.fieldErrors };
    }
    throw error;
  }
}

const generatedPassword = () => randomBytes(18).toString("base64url");

export async function createPersonAction(_: AdminState, form: FormData): Promise<AdminState> {
  await actionPrincipal("admin");
  return attempt(async () => {
    const typed = text(form, "password");
    const password = typed || generatedPassword();
    const parsed = newUserInput.safeParse({
      email: text(form, "email"),
      name: text(form, "name"),
      role: text(form, "role"),
      password,
    });
    if (!parsed.success) {
      throw new ValidationError(
        "Please correct the highlighted fields.",
        fieldErrorsOf(parsed.error),
      );
    }
    const user = await createUser(parsed.data);
    revalidatePath("/admin/people");
    return {
      status: "done",
      message: `Created ${user.role} ${user.name} <${user.email}>.`,
      secret: typed ? undefined : password,
    };
  });
}

export async function setPersonActiveAction(_: AdminState, form: FormData): Promise<AdminState> {
  const lead = await actionPrincipal("admin");
  return attempt(async () => {
    const userId = text(form, "userId");
    const active = text(form, "active") === "true";
    if (!active && userId === lead.userId) {
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
  });
}

export async function resetPasswordAction(_: AdminState, form: FormData): Promise<AdminState> {
  await actionPrincipal("admin");
  return attempt(async () => {
    const password = generatedPassword();
    await resetPassword(text(form, "userId"), password);
    return {
      status: "done",
      message: "New password set; their sessions have ended. Give them this password:",
      secret: password,
    };
  });
}

export async function createTokenAction(_: AdminState, form: FormData): Promise<AdminState> {
  const lead = await actionPrincipal("admin");
  return attempt(async () => {
    const parsed = newTokenInput.safeParse({
      name: text(form, "name"),
      scope: text(form, "scope"),
    });
    if (!parsed.success) {
      throw new ValidationError(
        "Please correct the highlighted fields.",
        fieldErrorsOf(parsed.error),
      );
    }
    const { token, view } = await createApiToken(parsed.data, lead.name);
    revalidatePath("/admin/tokens");
    return {
      status: "done",
      message: `Created ${view.scope} token “${view.name}”. Copy it now: it is not shown again.`,
      secret: token,
    };
  });
}

export async function revokeTokenAction(_: AdminState, form: FormData): Promise<AdminState> {
  await actionPrincipal("admin");
  return attempt(async () => {
    await revokeApiToken(text(form, "tokenId"));
    revalidatePath("/admin/tokens");
    return { status: "done", message: "Revoked. Requests with this token now get 401." };
  });
}
