import { z } from "zod";
import { ROLES } from "@/server/auth/types";

/** GET /api/people: the active people, by name, for pickers. */
export const peopleListSchema = z
  .object({
    items: z.array(
      z
        .object({
          id: z
            .string()
            .regex(/^[0-9a-f]{24}$/)
            .meta({ description: "The person's user id" }),
          name: z.string(),
          role: z.enum(ROLES),
        })
        .meta({ id: "Person" }),
    ),
  })
  .meta({ id: "PeopleList" });
