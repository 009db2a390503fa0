import type { MongoClient } from "mongodb";
import { afterAll, beforeAll } from "vitest";
import type { Collections } from "@/server/db/collections";
import {
  startApp,
  startProjector,
  type AppProcess,
  type ProjectorProcess,
} from "@/server/testing/app-process";
import { handlerLoad } from "@/server/testing/handler-load";
import { openDesk } from "@/server/testing/projection-checks";

export interface ProjectorDesk {
  readonly app: AppProcess;
  /** A client of the app's database, and its collections. */
  readonly cols: Collections;
  /** Commands through the handlers in this process, which only queue them (handler-load.ts). */
  readonly script: Awaited<ReturnType<typeof handlerLoad>>;
  /** Starts a projector process on the app's database; every one still running stops at the end. */
  spawnProjector(env?: Record<string, string>): ProjectorProcess;
}

/**
 * The set-up of the projector fault tests, registered as this file's beforeAll/afterAll: an app
 * without an in-process projector, a direct client of its database, and the command handlers
 * in this process. So the projector processes the test starts (and kills) do the projecting.
 */
export function projectorDesk(): ProjectorDesk {
  let app: AppProcess | undefined;
  let desk: { client: MongoClient; cols: Collections } | undefined;
  let script: ProjectorDesk["script"] | undefined;
  const running = new Set<ProjectorProcess>();

  beforeAll(async () => {
    app = await startApp({ env: { PROJECTOR_IN_PROCESS: "false" } });
    desk = await openDesk(app.mongoUri);
    process.env.MONGODB_URI = app.mongoUri; // before the handlers are first imported
    script = await handlerLoad();
  });

  afterAll(async () => {
    await Promise.all([...running].map((p) => p.kill()));
    await script?.close();
    await desk?.client.close();
    await app?.stop();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not set up yet (use it inside a test)`);
    return value;
  };
  return {
    get app() {
      return ready(app, "the app");
    },
    get cols() {
      return ready(desk, "the database client").cols;
    },
    get script() {
      return ready(script, "the command handlers");
    },
    spawnProjector(env = {}) {
      const projector = startProjector(ready(app, "the app").mongoUri, env);
      running.add(projector);
      void projector.exited.then(() => running.delete(projector));
      return projector;
    },
  };
}
