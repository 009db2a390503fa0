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
  /**
   * Let webhooks reach loopback, private and link-local addresses (never cloud metadata ones).
   * For tests and local development only: on a server it lets any lead probe the network.
   */
  WEBHOOKS_ALLOW_PRIVATE: boolean.default(false),
  /** A delivery not answered 2xx within this is a failure, retried later. */
  /**
   * How long one minute of an SLA target lasts, in ms. Tests only: a shorter "minute" lets a
   * breach happen within a test. Production leaves it at 60,000.
   */
  SLA_MINUTE_MS: z.coerce.number().int().min(1).max(60_000).default(60_000),
  /** How often the projector looks for SLA warnings and breaches that are due (ms). */
  SLA_TICK_MS: z.coerce.number().int().min(50).max(30_000).default(1_000),
  WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** The waits between retries, comma-separated ms; the last repeats. Default: 5 s … 6 h. */
  WEBHOOKS_RETRY_SCHEDULE_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, { error: "a comma-separated list of milliseconds" })
    .transform((list) => list.split(",").map(Number))
    .optional(),
  /** Failing this long on one event turns a subscription off (default 3 days). */
  WEBHOOKS_GIVE_UP_AFTER_MINUTES: z.coerce.number().min(0).max(525_600).default(4_320),
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
