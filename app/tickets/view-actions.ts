"use server";

import { revalidatePath } from "next/cache";
import { actionPrincipal } from "@/server/http/authorized-action";
import { actorOf } from "@/server/auth/types";
import { isDatabaseUnavailable } from "@/server/http/problem";
import { fieldErrorsOf } from "@/server/http/validation";
import { ValidationError } from "@/server/tickets/domain/errors";
import { deleteView, savedViewIdSchema, saveView, saveViewInput } from "@/server/views/saved-views";
import type { SaveViewState } from "@/app/tickets/_components/saved-view-types";

const failure = (error: unknown, values: Record<string, string>): SaveViewState => {
  if (error instanceof ValidationError) {
    return { status: "error", message: error.message, fieldErrors: error.fieldErrors, values };
  }
  if (!isDatabaseUnavailable(error)) console.error(error);
  return {
    status: "error",
    message: isDatabaseUnavailable(error)
      ? "The database cannot be reached right now, so the view was not saved. Try again in a moment."
      : "Something went wrong on our side. Please try again.",
    fieldErrors: {},
    values,
  };
};

/** Names the current filters for the signed-in agent (the same name again replaces them). */
export async function saveViewAction(
  _previous: SaveViewState,
  formData: FormData,
): Promise<SaveViewState> {
  const actor = actorOf(await actionPrincipal("write"));
  const text = (key: string) => {
    const value = formData.get(key);
    return typeof value === "string" ? value : "";
  };
  const values = { name: text("name"), query: text("query") };
  const parsed = saveViewInput.safeParse(values);
  if (!parsed.success) {
    return {
      status: "error",
      message: "Please correct the highlighted fields.",
      fieldErrors: fieldErrorsOf(parsed.error),
      values,
    };
  }
  try {
    const view = await saveView(actor.id, parsed.data);
    revalidatePath("/tickets");
    return { status: "saved", view };
  } catch (error) {
    return failure(error, values);
  }
}

/** Deletes one of the signed-in agent's views. */
export async function deleteViewAction(id: string): Promise<{ ok: boolean; message?: string }> {
  const actor = actorOf(await actionPrincipal("write"));
  if (!savedViewIdSchema.safeParse(id).success) return { ok: false, message: "Unknown view." };
  try {
    const deleted = await deleteView(actor.id, id);
    revalidatePath("/tickets");
    return deleted ? { ok: true } : { ok: false, message: "That view no longer exists." };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) console.error(error);
    return { ok: false, message: "The view could not be deleted. Try again in a moment." };
  }
}
