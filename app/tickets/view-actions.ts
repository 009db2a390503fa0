"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/server/http/form-action";
import { serverAction } from "@/server/http/server-action";
import { DomainError } from "@/server/tickets/domain/errors";
import { deleteView, savedViewIdSchema, saveView, saveViewInput } from "@/server/views/saved-views";
import type {
  DeleteViewResult,
  SaveViewState,
  ViewSaved,
} from "@/app/tickets/_components/saved-view-types";

class ViewNotFoundError extends DomainError {
  readonly kind = "not-found";
}

const save = formAction({
  access: "write",
  schema: saveViewInput,
  input: (v) => ({ name: v.name ?? "", query: v.query ?? "" }),
  run: async (input, { actor }): Promise<ViewSaved> => {
    const view = await saveView(actor.id, input);
    revalidatePath("/tickets");
    return { status: "saved", view };
  },
});

const remove = serverAction({
  access: "write",
  schema: savedViewIdSchema,
  invalidMessage: "Unknown view.",
  run: async (id, { actor }): Promise<{ status: "deleted" }> => {
    const deleted = await deleteView(actor.id, id);
    revalidatePath("/tickets");
    if (!deleted) throw new ViewNotFoundError("That view no longer exists.");
    return { status: "deleted" };
  },
});

/** Names the current filters for the signed-in agent (the same name again replaces them). */
export async function saveViewAction(previous: SaveViewState, formData: FormData) {
  return save(previous, formData);
}

/** Deletes one of the signed-in agent's views. */
export async function deleteViewAction(id: string): Promise<DeleteViewResult> {
  return remove(id);
}
