"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { AdminState } from "@/app/admin/actions";
import type { FormValues } from "@/server/http/form-action";
import { formAction } from "@/server/http/form-action";
import { ValidationError } from "@/server/tickets/domain/errors";
import {
  createWebhook,
  deleteWebhook,
  redeliverEvent,
  replayWebhook,
  updateWebhook,
} from "@/server/webhooks/manage";
import { webhookInput, webhookPatch, type ReplayInput } from "@/server/webhooks/schemas";

type Done = Extract<AdminState, { status: "done" }>;

const LIST = "/admin/webhooks";
const detail = (id: string) => `${LIST}/${id}`;

/** Event-type checkboxes are named `type:<event type>`; "All events" is `allTypes`. */
const TYPE_FIELD = "type:";

const NO_TYPES = "Pick at least one event type, or All events.";

/** What the subscription form typed, as the schemas take it (checkboxes: on, or absent). */
function typed(v: FormValues) {
  return {
    url: v.url ?? "",
    description: v.description ?? "",
    allTypes: v.allTypes === "on",
    types: Object.keys(v)
      .filter((key) => key.startsWith(TYPE_FIELD))
      .map((key) => key.slice(TYPE_FIELD.length)),
    active: v.active === "on",
  };
}

/** "All events" unticked with no type ticked is a mistake, not "every type". */
const typesChosen = (v: { allTypes: boolean; types?: unknown }, ctx: z.RefinementCtx) => {
  if (!v.allTypes && v.types === null) {
    ctx.addIssue({ code: "custom", path: ["types"], message: NO_TYPES });
  }
};

const id = z.string();

// Leads keep the desk's webhook subscriptions: "admin", like the other pages under /admin.
const create = formAction({
  access: "admin",
  schema: webhookInput.extend({ allTypes: z.boolean() }).superRefine(typesChosen),
  input: typed,
  run: async ({ allTypes, ...input }, { actor }): Promise<Done> => {
    const webhook = await createWebhook({ ...input, types: allTypes ? null : input.types }, actor);
    revalidatePath(LIST);
    return {
      status: "done",
      message: `Subscribed ${webhook.url}. Its signing secret:`,
      secret: webhook.secret,
    };
  },
});

// Unknown ids are refused by the functions in server/webhooks/manage.ts, with their own messages.
const update = formAction({
  access: "admin",
  schema: webhookPatch
    .required({ url: true, types: true, description: true, active: true })
    .extend({ id, allTypes: z.boolean() })
    .superRefine(typesChosen),
  input: (v) => ({ id: v.id ?? "", ...typed(v) }),
  run: async ({ id, allTypes, ...patch }, { actor }): Promise<Done> => {
    const webhook = await updateWebhook(
      id,
      { ...patch, types: allTypes ? null : patch.types },
      actor,
    );
    revalidatePath(LIST);
    revalidatePath(detail(id));
    return {
      status: "done",
      message: webhook.active ? "Saved. Deliveries are on." : "Saved. Deliveries are off.",
    };
  },
});

const rotate = formAction({
  access: "admin",
  schema: z.object({ id }),
  input: (v) => ({ id: v.id ?? "" }),
  run: async ({ id }, { actor }): Promise<Done> => {
    const webhook = await updateWebhook(id, { rotateSecret: true }, actor);
    revalidatePath(detail(id));
    const until = webhook.previousSecretExpiresAt
      ? ` The old secret keeps signing too until ${utc(webhook.previousSecretExpiresAt)}.`
      : "";
    return { status: "done", message: `New signing secret made.${until}`, secret: webhook.secret };
  },
});

const remove = formAction({
  access: "admin",
  schema: z.object({ id, confirm: z.literal("yes", { error: "Tick the box to confirm." }) }),
  input: (v) => ({ id: v.id ?? "", confirm: v.confirm === "on" ? "yes" : "" }),
  run: async ({ id }): Promise<Done> => {
    await deleteWebhook(id);
    revalidatePath(LIST);
    redirect(`${LIST}?deleted=1`);
  },
});

const redeliver = formAction({
  access: "admin",
  schema: z.object({ id, position: z.coerce.number().int().min(1) }),
  input: (v) => ({ id: v.id ?? "", position: v.position ?? "" }),
  run: async ({ id, position }): Promise<Done> => {
    await redeliverEvent(id, position);
    revalidatePath(detail(id));
    return { status: "done", message: `Position ${position} is queued to be sent again.` };
  },
});

const replay = formAction({
  access: "admin",
  schema: z.object({ id, fromPosition: z.string().trim(), fromTime: z.string().trim() }),
  input: (v) => ({
    id: v.id ?? "",
    fromPosition: v.fromPosition ?? "",
    fromTime: v.fromTime ?? "",
  }),
  run: async ({ id, fromPosition, fromTime }): Promise<Done> => {
    const input = replayFrom(fromPosition, fromTime);
    const webhook = await replayWebhook(id, input);
    revalidatePath(LIST);
    revalidatePath(detail(id));
    return {
      status: "done",
      message: `Replaying: everything after position ${webhook.position} is sent again, in order.`,
    };
  },
});

/** A position, or a time typed in UTC (`datetime-local` has no zone); exactly one of them. */
function replayFrom(fromPosition: string, fromTime: string): ReplayInput {
  const both = "Give a position or a date and time, not both.";
  const neither = "Give a position or a date and time.";
  if (fromPosition && fromTime) {
    throw new ValidationError(both, { fromPosition: [both], fromTime: [both] });
  }
  if (fromPosition) {
    if (!/^\d+$/.test(fromPosition) || Number(fromPosition) < 1) {
      const message = "The position must be a whole number, 1 or more.";
      throw new ValidationError(message, { fromPosition: [message] });
    }
    return { fromPosition: Number(fromPosition) };
  }
  if (fromTime) {
    const time = new Date(/(Z|[+-]\d\d:\d\d)$/.test(fromTime) ? fromTime : `${fromTime}Z`);
    if (Number.isNaN(time.getTime())) {
      const message = "The date and time is not one.";
      throw new ValidationError(message, { fromTime: [message] });
    }
    return { fromTime: time.toISOString() };
  }
  throw new ValidationError(neither, { fromPosition: [neither] });
}

const utc = (iso: string) =>
  `${new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

export async function createWebhookAction(previous: AdminState, form: FormData) {
  return create(previous, form);
}

export async function updateWebhookAction(previous: AdminState, form: FormData) {
  return update(previous, form);
}

export async function rotateWebhookSecretAction(previous: AdminState, form: FormData) {
  return rotate(previous, form);
}

/** Deletes a subscription and its attempts log, then goes back to the list. */
export async function deleteWebhookAction(previous: AdminState, form: FormData) {
  return remove(previous, form);
}

export async function redeliverWebhookEventAction(previous: AdminState, form: FormData) {
  return redeliver(previous, form);
}

export async function replayWebhookAction(previous: AdminState, form: FormData) {
  return replay(previous, form);
}
