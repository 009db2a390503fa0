import "server-only";
import { z } from "zod";

const boolean = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const schema = z.object({
  /** Any MongoDB (or FerretDB) URI. Unset: the embedded database the start script runs. */
  MONGODB_URI: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  /** An artificial delay before each projection, so people and tests can watch "syncing". */
  PROJECTION_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** Run the projector inside the web server (default) or only as `npm run projector`. */
  PROJECTOR_IN_PROCESS: boolean.default(true),
  /** How often an idle projector looks for work it was not nudged about. */
  PROJECTOR_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /**
   * How long one event stream (GET /api/events/stream) lasts before the server ends it; clients
   * reconnect with Last-Event-ID and miss nothing. Keeps long connections moving between app
   * instances and through proxies that cut them anyway.
   */
  EVENTS_STREAM_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /**
   * Unset: the event feed keeps every event (the audit trail of the desk). A number of days:
   * the projector's sweep prunes events older than that, and older cursors answer 410.
   */
  EVENTS_RETENTION_DAYS: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(1).max(36_500).optional(),
  ),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = load();
