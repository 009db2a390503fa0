// Dependency rules, checked by `npm run deps` (and so by `npm run check` and scripts/test.sh).
// Paths are relative to the repository root; `@/…` imports resolve through tsconfig.json.

/** Test code: spec files, the end-to-end suite and the shared test helpers. */
const TESTS = ["\\.spec\\.tsx?$", "^e2e/", "^server/testing/"];

/** Code that runs in production: the app, its components, the server, Next's root hooks. */
const PRODUCTION = ["^app/", "^components/", "^server/", "^instrumentation\\.ts$", "^proxy\\.ts$"];

const MONGODB = "^node_modules/mongodb/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "This module is part of an import circle. Break it: move the shared part into a " +
        "module both can import, or pass the dependency in. (Circles made only of test code " +
        "are allowed.)",
      from: { pathNot: TESTS },
      to: { circular: true, viaOnly: { pathNot: TESTS } },
    },
    {
      name: "ui-not-to-database",
      severity: "error",
      comment:
        "app/ and components/ never talk to the database: read through a query and write " +
        "through a command in server/. (Tests may set up data directly.)",
      from: { path: ["^app/", "^components/"], pathNot: TESTS },
      to: { path: ["^server/db/", MONGODB] },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      comment:
        "components/ holds shared building blocks; it must not depend on a route in app/. " +
        "Move what both need into components/.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "server-not-to-ui",
      severity: "error",
      comment:
        "server/ must not depend on app/ or components/: the UI depends on the server, never " +
        "the other way round.",
      from: { path: "^server/" },
      to: { path: ["^app/", "^components/"] },
    },
    {
      name: "read-models-independent",
      severity: "error",
      comment:
        "Each read model (server/read-models/<name>/) stands alone: it must not import another " +
        "read model's folder. Shared code belongs in a module outside the folders. The files " +
        "at the top of server/read-models/ (registry.ts, read-model.ts) are outside the rule.",
      from: { path: "^server/read-models/([^/]+)/" },
      to: { path: "^server/read-models/[^/]+/", pathNot: "^server/read-models/$1/" },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment:
        "The ticket domain (server/tickets/domain/) knows nothing of HTTP, the database or " +
        "the UI.",
      from: { path: "^server/tickets/domain/" },
      to: {
        path: ["^server/http/", "^server/db/", MONGODB, "^app/", "^components/"],
      },
    },
    {
      name: "production-not-to-dev-dependency",
      severity: "error",
      comment:
        "Production code imports a package listed only in devDependencies, which a " +
        "production install leaves out. Move the package to dependencies or the import to " +
        "test code. (Type-only imports are erased and allowed.)",
      from: { path: PRODUCTION, pathNot: TESTS },
      to: {
        dependencyTypes: ["npm-dev"],
        dependencyTypesNot: ["type-only"],
        pathNot: "^node_modules/@types/",
      },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "This import cannot be resolved to a file, so none of the rules above can check it. " +
        "Fix the path, or add the package to package.json.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    exclude: {
      path: [
        "^\\.next/",
        "^\\.cache/",
        "^\\.data/",
        "^test-results/",
        "^playwright-report/",
        "^coverage/",
        "^docs/",
      ],
    },
    doNotFollow: { path: "^node_modules/" },
    // Type-only imports count: a circle or a layer break through types is still one.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
