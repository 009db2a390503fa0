// Installs the embedded database (FerretDB, SQLite backend) into .cache/bin once.
// Plain Node so it runs before anything else is built; the Go module proxy is the only source.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";

const VERSION = "v1.24.2";
const root = path.resolve(import.meta.dirname, "..");
const binDir = path.join(root, ".cache", "bin");
const bin = path.join(binDir, "ferretdb");

function installedVersion() {
  if (!existsSync(bin)) return null;
  const out = spawnSync(bin, ["--version"], { encoding: "utf8" });
  const match = /version:\s*(v[\d.]+)/.exec(`${out.stdout}${out.stderr}`);
  return match?.[1] ?? null;
}

// The build is identified by the FerretDB version and our patch, so a changed patch rebuilds.
const patchFile = path.join(root, "scripts", "ferretdb", "serialize_writes.go");
const idPushdownFile = path.join(root, "scripts", "ferretdb", "id_pushdown.go");
const stampFile = path.join(binDir, "ferretdb.stamp");
const stamp = `${VERSION} ${createHash("sha256")
  .update(readFileSync(patchFile))
  .update(readFileSync(idPushdownFile))
  .update(readFileSync(import.meta.filename))
  .digest("hex")}`;
const stamped = existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;

/**
 * Our two changes to FerretDB v1.24.2, each checked to apply exactly; see docs/architecture.md.
 * 1. Atomic single-document writes: mutating commands run one at a time (serialize_writes.go).
 * 2. `_id` pushdown: a filter that contains `_id: <ObjectId or string>` among other conditions
 *    reads that one row instead of scanning the collection. Every command handler filters the
 *    rows again in memory with the whole filter, so this only narrows what is read.
 */
function applyPatches(srcDir) {
  const handlerDir = path.join(srcDir, "internal", "handler");
  cpSync(patchFile, path.join(handlerDir, "serialize_writes.go"));
  replaceExactly(
    path.join(handlerDir, "handler.go"),
    "\th.initCommands()\n",
    "\th.initCommands()\n\th.serializeWrites()\n",
    1,
  );
  // 3. Every `_id` lookup FerretDB pushes down is written `->'$._id'`, but the unique `_id` index
  //    is on `->"_id"`: SQLite only uses an index for the same expression, so each lookup scanned
  //    the whole table (about 2 ms per 1,000 rows). `->'_id'` is the same value and matches it.
  replaceExactly(
    path.join(srcDir, "internal", "backends", "sqlite", "metadata", "metadata.go"),
    `IDColumn = DefaultColumn + "->'$._id'"`,
    `IDColumn = DefaultColumn + "->'_id'"`,
    1,
  );
  // 4. The query: `_id` conditions (equality among others, $in, string ranges with sort and
  //    limit) are answered from indexes (id_pushdown.go).
  const sqliteDir = path.join(srcDir, "internal", "backends", "sqlite");
  cpSync(idPushdownFile, path.join(sqliteDir, "id_pushdown.go"));
  replaceExactly(
    path.join(sqliteDir, "collection.go"),
    `\tif params.Filter.Len() == 1 {
\t\tv, _ := params.Filter.Get("_id")
\t\tswitch v.(type) {
\t\tcase string, types.ObjectID:
\t\t\twhereClause = fmt.Sprintf(\` WHERE %s = ?\`, metadata.IDColumn)
\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}
\t\t}
\t}

\tq += whereClause
\tq += prepareOrderByClause(params.Sort)

\tif params.Limit != 0 {
\t\tq += \` LIMIT ?\`
\t\targs = append(args, params.Limit)
\t}
`,
    `\tpushed := idPushdown(params.Filter)
\twhereClause, args = pushed.where, pushed.args

\tq += whereClause

\tif pushed.whole && pushed.ranged && params.IDSort != 0 {
\t\tq += idOrderBy(params.IDSort)
\t\tif params.IDLimit != 0 {
\t\t\tq += \` LIMIT ?\`
\t\t\targs = append(args, params.IDLimit)
\t\t}
\t} else {
\t\tq += prepareOrderByClause(params.Sort)
\t\tif params.Limit != 0 {
\t\t\tq += \` LIMIT ?\`
\t\t\targs = append(args, params.Limit)
\t\t}
\t}
`,
    1,
  );
  // Its \`explain\`: an \`_id\` equality among other conditions.
  replaceExactly(
    path.join(sqliteDir, "collection.go"),
    `\tif params.Filter.Len() == 1 {
\t\tv, _ := params.Filter.Get("_id")
\t\tswitch v.(type) {`,
    `\tif params.Filter.Has("_id") {
\t\tv, _ := params.Filter.Get("_id")
\t\tswitch v.(type) {`,
    1,
  );
  // The handler passes an \`_id\` sort and the limit down; the backend uses them only when it
  // pushed down the whole filter as a string range.
  replaceExactly(
    path.join(srcDir, "internal", "backends", "collection.go"),
    "type QueryParams struct {\n\tFilter *types.Document\n\tSort   *types.Document\n\tLimit  int64\n",
    "type QueryParams struct {\n\tFilter *types.Document\n\tSort   *types.Document\n\tLimit  int64\n\tIDSort  int64\n\tIDLimit int64\n",
    1,
  );
  replaceExactly(
    path.join(handlerDir, "msg_find.go"),
    "\t\tqp.Limit = params.Limit\n\t}\n",
    `\t\tqp.Limit = params.Limit
\t}

\tif !h.DisablePushdown && params.Skip == 0 && params.Sort.Len() == 1 && params.Sort.Keys()[0] == "_id" {
\t\tif direction, ok := must.NotFail(params.Sort.Get("_id")).(int64); ok {
\t\t\tqp.IDSort = direction
\t\t\tqp.IDLimit = params.Limit
\t\t}
\t}
`,
    1,
  );
  // Every new collection gets the index of its ids as text.
  replaceExactly(
    path.join(sqliteDir, "metadata", "registry.go"),
    "\t\t_, _ = r.collectionDrop(ctx, dbName, collectionName)\n\t\treturn false, lazyerrors.Error(err)\n\t}\n\n\treturn true, nil\n}\n",
    `\t\t_, _ = r.collectionDrop(ctx, dbName, collectionName)
\t\treturn false, lazyerrors.Error(err)
\t}

\tif _, err = db.ExecContext(ctx, fmt.Sprintf("CREATE INDEX IF NOT EXISTS %q ON %q (%s->>'$._id')", tableName+"__id_text", tableName, DefaultColumn)); err != nil {
\t\t_, _ = r.collectionDrop(ctx, dbName, collectionName)
\t\treturn false, lazyerrors.Error(err)
\t}

\treturn true, nil
}
`,
    1,
  );
}

function replaceExactly(file, from, to, times) {
  const source = readFileSync(file, "utf8");
  if (source.split(from).length !== times + 1) {
    throw new Error(`unexpected FerretDB source in ${file}: cannot apply the patch`);
  }
  writeFileSync(file, source.replaceAll(from, to));
}

const current = installedVersion();
if (current === VERSION && stamped) {
  console.log(`FerretDB ${VERSION} already installed at ${path.relative(root, bin)}`);
  process.exit(0);
}

const go = spawnSync("go", ["version"], { encoding: "utf8" });
if (go.status !== 0) {
  console.error("The Go toolchain is needed to install the embedded database (FerretDB).");
  console.error("Install Go, or set MONGODB_URI to use a MongoDB server instead.");
  process.exit(1);
}

mkdirSync(binDir, { recursive: true });
console.log(
  `Installing FerretDB ${VERSION} into ${path.relative(root, binDir)} (a few minutes on first run)…`,
);
const goEnv = { ...process.env, GOTOOLCHAIN: "local", CGO_ENABLED: "0", GOFLAGS: "-mod=mod" };
// `go install …@version` builds a binary that panics at start: the module as published lacks
// the generated build/version/version.txt. So fetch the module, copy it somewhere writable,
// write that file, and build from the copy.
const info = JSON.parse(
  execFileSync("go", ["mod", "download", "-json", `github.com/FerretDB/FerretDB@${VERSION}`], {
    encoding: "utf8",
    env: goEnv,
  }),
);
const srcDir = mkdtempSync(path.join(os.tmpdir(), "ferretdb-src-"));
try {
  cpSync(info.Dir, srcDir, { recursive: true });
  execFileSync("chmod", ["-R", "u+w", srcDir]);
  writeFileSync(path.join(srcDir, "build", "version", "version.txt"), `${VERSION}\n`);
  applyPatches(srcDir);
  execFileSync("go", ["build", "-trimpath", "-o", bin, "./cmd/ferretdb"], {
    cwd: srcDir,
    stdio: "inherit",
    env: goEnv,
  });
} finally {
  rmSync(srcDir, { recursive: true, force: true });
}
const installed = installedVersion();
if (installed !== VERSION) {
  console.error(`FerretDB build finished but reports version ${installed ?? "unknown"}.`);
  process.exit(1);
}
writeFileSync(stampFile, stamp);
console.log(`FerretDB ${installed} installed (with atomic single-document writes).`);
