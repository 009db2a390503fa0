import { z } from "zod";
import { text } from "@/server/tickets/domain/schemas";

// What a saved reply is made of, and how the API answers with one: used by the routes, the
// admin page's actions and the OpenAPI document alike.

/** A saved reply as a lead writes it (POST and PUT /api/saved-replies, the admin page's forms). */
export const savedReplyInput = z
  .strictObject({
    name: text("Name", 60).meta({ description: "Unique, whatever its case" }),
    body: text("Body", 20_000).meta({
      description:
        "May use {{customer.name}}, {{customer.email}}, {{agent.name}}, {{ticket.subject}}",
    }),
  })
  .meta({ id: "SavedReplyInput" });
export type SavedReplyInput = z.infer<typeof savedReplyInput>;

export const savedReplySchema = z
  .object({
    id: z
      .string()
      .regex(/^[0-9a-f]{24}$/)
      .meta({ description: "24 hexadecimal characters" }),
    name: z.string(),
    body: z.string().meta({ description: "With its placeholders as written" }),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string().meta({ description: "Who last saved it: a person, or a token's name" }),
  })
  .meta({ id: "SavedReply" });
export type SavedReply = z.infer<typeof savedReplySchema>;

export const savedReplyListSchema = z
  .object({ items: z.array(savedReplySchema).meta({ description: "By name, ignoring case" }) })
  .meta({ id: "SavedReplyList" });
