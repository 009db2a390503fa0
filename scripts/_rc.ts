import { MongoClient } from "mongodb";
import { startEmbeddedDb, freePort } from "../server/db/embedded";
const dir = "/tmp/rc" + Date.now();
const port = await freePort();
let db = await startEmbeddedDb({
  dataDir: dir,
  port,
  onLog: (l) => console.log("[fdb]", l.slice(0, 200)),
});
const c = new MongoClient(db.uri, { serverSelectionTimeoutMS: 3000, connectTimeoutMS: 3000 });
const t = c.db().collection("t");
await t.insertOne({ a: 1 });
console.log("ok before");
await db.stop();
console.log("stopped");
try {
  await t.findOne({});
} catch (e) {
  console.log("down:", (e as Error).name);
}
await new Promise((r) => setTimeout(r, 2000));
db = await startEmbeddedDb({
  dataDir: dir,
  port,
  onLog: (l) => console.log("[fdb2]", l.slice(0, 200)),
});
console.log("restarted");
const s = Date.now();
for (let i = 0; i < 10; i++) {
  try {
    await t.findOne({});
    console.log("up after", Date.now() - s, "ms");
    break;
  } catch (e) {
    console.log("still", (e as Error).name, (e as Error).message.slice(0, 100));
  }
}
await c.close();
await db.stop();
