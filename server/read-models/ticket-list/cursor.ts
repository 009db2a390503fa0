import { z } from "zod";
import { ValidationError } from "@/server/tickets/domain/errors";

/** The keyset position after a row: its sort key, opaque to clients. */
export interface ListCursor {
  u?: number; // updatedAt, ms (the list's own order)
  d?: number; // the SLA due time, ms (sort=sla_due)
  i: string; // ticket id
}

const cursorSchema = z.object({
  u: z.number().int().min(0).max(8.64e15).optional(),
  d: z.number().int().min(0).max(9_999_999_999_999).optional(),
  i: z.string().regex(/^[0-9a-f]{24}$/),
});

export const encodeCursor = (c: ListCursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

/** The cursor a client sent back; anything else is a validation error naming `cursor`. */
export function decodeCursor(raw: string, order: "u" | "d" = "u"): ListCursor {
  try {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (cursor[order] === undefined) throw new Error("a cursor of another order");
    return cursor;
  } catch {
    throw new ValidationError("The cursor is not valid.", {
      cursor: ["cursor is not valid: pass the nextCursor of a previous page unchanged."],
    });
  }
}
