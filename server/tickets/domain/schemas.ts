import { z } from "zod";
import { PRIORITIES, STATUSES } from "@/server/tickets/domain/types";

// The embedded database cannot store NUL characters, and no person types them.
const noNul = (value: string) => !value.includes("\u0000");

/** A required text field: trimmed, 1 to `max` characters, no NUL; the messages name it. */
export const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max.toLocaleString("en")} characters.` })
    .refine(noNul, { error: `${label} contains characters that are not allowed.` });

export const subjectSchema = text("Subject", 200);
export const messageSchema = text("Message", 20_000);
export const noteBodySchema = text("Note", 5_000);
export const replyBodySchema = text("Reply", 20_000);
export const customerMessageSchema = text("Message", 20_000);
export const assigneeSchema = text("Assignee", 100).nullable();
/** A person's id: 24 hexadecimal characters. */
export const personIdSchema = z
  .string({ error: "Assignee must be a person's id." })
  .regex(/^[0-9a-f]{24}$/i, { error: "Assignee must be a person's id." })
  .transform((id) => id.toLowerCase());

export const customerEmailSchema = z
  .email({ error: "Customer email must be a valid email address." })
  .max(254, { error: "Customer email must be at most 254 characters." })
  .transform((email) => email.toLowerCase());

/** A customer as API consumers send one: an email (case-insensitive) and an optional name. */
export const customerSchema = z.strictObject(
  {
    email: z.string({ error: "Customer email is required." }).trim().pipe(customerEmailSchema),
    name: z
      .string({ error: "Customer name must be text." })
      .trim()
      .max(100, { error: "Customer name must be at most 100 characters." })
      .refine(noNul, { error: "Customer name contains characters that are not allowed." })
      .nullish()
      .transform((name) => (name ? name : null)),
  },
  { error: "Customer must be an object with an email and an optional name." },
);

const TAG_PATTERN = /^[a-z0-9-]{1,40}$/;
export const MAX_TAGS = 20;

/** A tag: lower-case letters, digits and "-", 1–40 characters (upper case is lowered). */
export const tagSchema = z
  .string({ error: "A tag must be text." })
  .trim()
  .toLowerCase()
  .regex(TAG_PATTERN, {
    error: "A tag is 1–40 lower-case letters, digits or hyphens (e.g. billing, vpn-2).",
  });

export const tagListSchema = z
  .array(tagSchema, { error: "Tags must be a list of tags." })
  .max(MAX_TAGS, { error: `A ticket has at most ${MAX_TAGS} tags.` })
  .transform((tags) => [...new Set(tags)]);

export const statusSchema = z.enum(STATUSES, {
  error: `Status must be one of: ${STATUSES.join(", ")}.`,
});
export const prioritySchema = z.enum(PRIORITIES, {
  error: `Priority must be one of: ${PRIORITIES.join(", ")}.`,
});

export const expectedVersionSchema = z
  .number({ error: "Expected version must be a number." })
  .int({ error: "Expected version must be a whole number." })
  .min(1, { error: "Expected version must be at least 1." });

/** 24 hexadecimal characters: the string form of a ticket id. */
export const ticketIdSchema = z.string().regex(/^[0-9a-f]{24}$/i);
