import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDb, type EmbeddedDb } from "@/server/db/embedded";
import { spawnWatched, type Watched } from "@/server/process/watched";

// Rebuild under writes, killed once and resumed: the switched-over read models verify clean.
// Real processes: the rebuild runs as `scripts/projections-rebuild.ts`, killed with SIGKILL.

const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
let db: EmbeddedDb;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "support-desk-rebuild-"));
  db = await startEmbeddedDb({ dataDir, onLog: (line) => console.log(`[ferretdb] ${line}`) });
  process.env.MONGODB_URI = db.uri;
});

afterAll(async () => {
  const { closeDb } = await import("@/server/db/client");
  await closeDb();
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function startRebuild(output: string[]): Watched {
  const run = spawnWatched(
    process.execPath,
    [tsx, "--conditions=react-server", "scripts/projections-rebuild.ts", "--batch-size", "20"],
    { cwd: root, env: { ...process.env, MONGODB_URI: db.uri, REBUILD_LEASE_MS: "3000" } },
  );
  run.child.stdout?.on("data", (b: Buffer) => output.push(b.toString()));
  run.child.stderr?.on("data", (b: Buffer) => output.push(b.toString()));
  return run;
}

describe("projections:rebuild under writes", () => {
  it("is killed once, resumes from its checkpoint, switches over, and verifies with zero drift", async () => {
    const { getCollections, getDb } = await import("@/server/db/client");
    const { Projector } = await import("@/server/projections/projector");
    const { verifyProjections } = await import("@/server/projections/verify");
    const { create, as } = await import("@/server/testing/fixtures");
    const { changeStatus } = await import("@/server/tickets/commands/change-status");
    const { addNote } = await import("@/server/tickets/commands/add-note");
    const { assignAgent } = await import("@/server/tickets/commands/assign-agent");
    const { DomainError } = await import("@/server/tickets/domain/errors");

    const projector = new Projector({
      collections: getCollections,
      pollMs: 50,
      log: () => undefined,
    });
    projector.start();
    const ids: string[] = [];
    for (let i = 0; i < 200; i++)
      ids.push((await create({ subject: `Before ${i}`, message: "m" })).ticketId);

    // Commands keep arriving for the whole rebuild.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      const agents = ["Ada", "Grace", null];
      while (writing) {
        const id = ids[Math.floor(Math.random() * ids.length)]!;
        const roll = Math.random();
        try {
          if (roll < 0.2)
            ids.push((await create({ subject: `During ${written}`, message: "m" })).ticketId);
          else if (roll < 0.5) await addNote(id, { body: `note ${written}` }, as());
          else if (roll < 0.8) await assignAgent(id, { assignee: agents[written % 3]! }, as());
          else await changeStatus(id, { status: written % 2 ? "triaged" : "closed" }, as());
        } catch (error) {
          if (!(error instanceof DomainError)) throw error; // closed tickets refuse; nothing else may fail
        }
        written++;
        await new Promise((r) => setTimeout(r, 80)); // a steady stream, about a dozen commands a second
      }
    })();

    const registry = (await getDb()).collection<{
      _id: string;
      processed?: number;
      phase?: string;
    }>("read_model_registry");
    const first: string[] = [];
    const killed = startRebuild(first);
    await expect
      .poll(async () => (await registry.findOne({ _id: "rebuild" }))?.processed ?? 0, {
        timeout: 60_000,
        interval: 100,
      })
      .toBeGreaterThanOrEqual(100);
    process.kill(-killed.child.pid!, "SIGKILL");
    await killed.exited;
    const atKill = await registry.findOne({ _id: "rebuild" });
    expect(atKill?.phase).toBe("scanning");

    const started = Date.now();
    const second: string[] = [];
    const resumed = startRebuild(second);
    const code = await resumed.exited;
    writing = false;
    await writer;
    expect(code, second.join("")).toBe(0);
    expect(second.join("")).toContain("Resuming the rebuild of generation 1");
    expect(second.join("")).toContain("generation 1 is active");
    console.log(
      `rebuild: killed at ${atKill?.processed} tickets, resumed and finished in ${Date.now() - started} ms; ${written} commands meanwhile`,
    );

    const cols = await getCollections();
    expect(cols.generation).toBe(1);
    const report = await verifyProjections(cols, { waitForQueueMs: 60_000 });
    await projector.stop();
    if (report.drift.length > 0) console.log("drift", JSON.stringify(report.drift, null, 1));
    expect(report.drift).toEqual([]);
    expect(report.tickets).toBe(ids.length);
  }, 240_000);
});
