import { z } from "zod";
import { ValidationError } from "@/server/tickets/domain/errors";

/** The keyset position after a row: its sort key, opaque to clients. */
export interface ListCursor {
  u: number; // updatedAt, ms
  i: string; // ticket id
}

const cursorSchema = z.object({
  u: z.number().int().min(0).max(8.64e15),
  i: z.string().regex(/^[0-9a-f]{24}$/),
});

export const encodeCursor = (c: ListCursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

/** The cursor a client sent back; anything else is a validation error naming `cursor`. */
export function decodeCursor(raw: string): ListCursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new ValidationError("The cursor is not valid.", {
      cursor: ["cursor is not valid: pass the nextCursor of a previous page unchanged."],
    });
  }
}
