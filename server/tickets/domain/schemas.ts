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
export const assigneeSchema = text("Assignee", 100).nullable();

export const customerEmailSchema = z
  .email({ error: "Customer email must be a valid email address." })
  .max(254, { error: "Customer email must be at most 254 characters." });

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
