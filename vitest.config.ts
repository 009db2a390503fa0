import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // Tests run server modules directly, outside React's server environment.
  "server-only": path.join(root, "server/testing/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["**/*.unit.spec.ts"], exclude: ["node_modules/**"] },
      },
      {
        resolve: { alias },
        test: {
          name: "int",
          include: ["**/*.int.spec.ts"],
          exclude: ["node_modules/**"],
          globalSetup: ["server/testing/global-setup.ts"],
          setupFiles: ["server/testing/per-file-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Real processes (the app's production build, projector processes, the embedded
        // database) killed and restarted: one file at a time, each with its own app and data.
        resolve: { alias },
        test: {
          name: "faults",
          include: ["**/*.fault.spec.ts"],
          exclude: ["node_modules/**"],
          fileParallelism: false,
          // SLA targets in seconds, so warnings and breaches fall due while processes die; the
          // app and projector processes the tests start inherit it.
          env: { SLA_MINUTE_MS: "1000", SLA_TICK_MS: "250" },
          testTimeout: 480_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
