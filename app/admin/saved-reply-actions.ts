"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { AdminState } from "@/app/admin/actions";
import { formAction } from "@/server/http/form-action";
import { serverAction } from "@/server/http/server-action";
import { createSavedReply } from "@/server/saved-replies/create-saved-reply";
import { deleteSavedReply } from "@/server/saved-replies/delete-saved-reply";
import { savedReplyInput } from "@/server/saved-replies/schemas";
import { updateSavedReply } from "@/server/saved-replies/update-saved-reply";

type Done = Extract<AdminState, { status: "done" }>;

const PAGE = "/admin/saved-replies";

const typed = (v: Record<string, string>) => ({ name: v.name ?? "", body: v.body ?? "" });

// Leads keep the desk's saved replies: "admin", like the other pages under /admin.
const create = formAction({
  access: "admin",
  schema: savedReplyInput,
  input: typed,
  run: async (input, { actor }): Promise<Done> => {
    const reply = await createSavedReply(input, actor);
    revalidatePath(PAGE);
    return { status: "done", message: `Added “${reply.name}”.` };
  },
});

// Unknown ids are refused by updateSavedReply and deleteSavedReply, with their own messages.
const update = formAction({
  access: "admin",
  schema: savedReplyInput.extend({ id: z.string() }),
  input: (v) => ({ id: v.id ?? "", ...typed(v) }),
  run: async ({ id, ...input }, { actor }): Promise<Done> => {
    const reply = await updateSavedReply(id, input, actor);
    revalidatePath(PAGE);
    return { status: "done", message: `Saved “${reply.name}”.` };
  },
});

const remove = serverAction({
  access: "admin",
  schema: z.string(),
  run: async (id): Promise<{ status: "deleted" }> => {
    await deleteSavedReply(id);
    revalidatePath(PAGE);
    return { status: "deleted" };
  },
});

export async function createSavedReplyAction(previous: AdminState, form: FormData) {
  return create(previous, form);
}

export async function updateSavedReplyAction(previous: AdminState, form: FormData) {
  return update(previous, form);
}

/** Deletes a saved reply; its row is gone, so the list says what happened. */
export async function deleteSavedReplyAction(id: string) {
  return remove(id);
}
