import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedDb, type EmbeddedDb } from "@/server/db/embedded";

declare module "vitest" {
  export interface ProvidedContext {
    mongoBaseUri: string;
  }
}

let db: EmbeddedDb | undefined;
let dataDir: string | undefined;

/**
 * Integration tests run against a real database server: MONGODB_URI when set, otherwise a fresh
 * embedded FerretDB in a temporary directory, stopped and removed when the run ends.
 */
export async function setup(project: TestProject) {
  let base = process.env.MONGODB_URI;
  if (!base) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "support-desk-int-"));
    db = await startEmbeddedDb({ dataDir });
    base = db.uri;
  }
  project.provide("mongoBaseUri", base);
}

export async function teardown() {
  await db?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
