import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";

// Each test file gets a database of its own, so files can run in parallel without seeing each
// other's tickets. Set before any server module reads the environment.
const base = new URL(inject("mongoBaseUri"));
base.pathname = `/t_${randomBytes(5).toString("hex")}`;
process.env.MONGODB_URI = base.toString();

afterAll(async () => {
  const { closeDb, getDb } = await import("@/server/db/client");
  await (await getDb()).dropDatabase();
  await closeDb();
});
