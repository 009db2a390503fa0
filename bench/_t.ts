import { startEmbeddedDb, freePort } from "../server/db/embedded";
import { spawnWatched } from "../server/process/watched";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bt-"));
const db = await startEmbeddedDb({ dataDir: dir, onLog: (l) => console.log("FDB", l) });
const port = await freePort();
const b = spawnWatched(
  process.execPath,
  ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "bench/baseline-server.ts"],
  { env: { ...process.env, MONGODB_URI: db.uri, PORT: String(port) }, output: "inherit" },
);
await new Promise((r) => setTimeout(r, 3000));
const u = `http://127.0.0.1:${port}`;
for (let i = 0; i < 3; i++) {
  const t = Date.now();
  const r = await fetch(`${u}/raw/create`, {
    method: "POST",
    body: JSON.stringify({ subject: "x", message: "y" }),
  });
  console.log(r.status, await r.text(), Date.now() - t);
}
const t = Date.now();
const r = await fetch(`${u}/pre/dashboard`);
console.log(r.status, await r.text(), Date.now() - t);
const t2 = Date.now();
const r2 = await fetch(`${u}/pre/tickets?q=x`);
console.log(r2.status, (await r2.text()).slice(0, 300), Date.now() - t2);
await b.stop();
await db.stop();
