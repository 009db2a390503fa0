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
const stampFile = path.join(binDir, "ferretdb.stamp");
const stamp = `${VERSION} ${createHash("sha256")
  .update(readFileSync(patchFile))
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
  // Twice: the query itself and its `explain`.
  replaceExactly(
    path.join(srcDir, "internal", "backends", "sqlite", "collection.go"),
    `\tif params.Filter.Len() == 1 {
\t\tv, _ := params.Filter.Get("_id")
\t\tswitch v.(type) {`,
    `\tif params.Filter.Has("_id") {
\t\tv, _ := params.Filter.Get("_id")
\t\tswitch v.(type) {`,
    2,
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
