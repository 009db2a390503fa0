import type { Db } from "mongodb";
import { collections } from "@/server/db/collections";
import { chunks } from "@/server/projections/chunks";

/** The bodies of these message documents (`<ticket id>:<entry id>`), by id. */
export async function readBodies(db: Db, ids: string[]): Promise<Map<string, string>> {
  const { messages } = collections(db);
  const found = new Map<string, string>();
  for (const chunk of chunks(ids)) {
    for await (const m of messages.find({ _id: { $in: chunk } }, { projection: { body: 1 } }))
      found.set(m._id, m.body);
  }
  return found;
}
