// One measurement: autocannon against one endpoint, with our own record of every response time
// (autocannon's summary has no p95) and of the bytes each response carried.
import autocannon from "autocannon";

export interface Measurement {
  requests: number;
  /** Completed requests per second over the run. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /** Bytes on the wire per response (headers included), averaged. */
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  /** How it was measured: for a duration, or (too slow for that) a fixed number of requests. */
  mode: string;
}

export interface Target {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Varies each request per connection (a different ticket id, the next status…). */
  setupRequest?: (
    request: autocannon.Request,
    context: Record<string, unknown>,
  ) => autocannon.Request;
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/** a ÷ b to three significant digits; null when either is missing or b is zero. */
export const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? Number((a / b).toPrecision(3)) : null;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Measures for `duration` seconds with `connections` clients. A very slow operation (the
 * pre-CQRS baseline on a big desk: one answer can take minutes) would give a handful of answers,
 * and autocannon drops the requests still in flight at the end; so when one request alone takes
 * over SLOW_MS, or fewer than MIN_SAMPLES answers came back, it is measured one request at a
 * time instead: up to SLOW_REQUESTS of them (the first probe included) or as many as fit in
 * SLOW_BUDGET_MS, at least one. No concurrency favours the slow side: the ratios it gets are
 * conservative.
 */
export async function measure(
  target: Target,
  options: { connections: number; duration: number; settle?: () => Promise<void> },
): Promise<Measurement> {
  if (!target.setupRequest && (target.method ?? "GET") === "GET") {
    const probe = await measureOnce(target, { connections: 1, duration: 1, amount: 1 });
    if (probe.p50 > SLOW_MS) return oneAtATime(target, probe);
  }
  const first = await measureOnce(target, options);
  if (first.requests >= MIN_SAMPLES) return first;
  // The requests autocannon abandoned are still being answered: let them finish first.
  await options.settle?.();
  return oneAtATime(target);
}

const MIN_SAMPLES = 10;
const SLOW_MS = 1_000;
const SLOW_REQUESTS = 5;
const SLOW_BUDGET_MS = 60_000;

async function oneAtATime(target: Target, probe?: Measurement): Promise<Measurement> {
  const runs = probe ? [probe] : [];
  const started = performance.now();
  while (
    runs.length === 0 ||
    (runs.length < SLOW_REQUESTS && performance.now() - started < SLOW_BUDGET_MS)
  ) {
    runs.push(await measureOnce(target, { connections: 1, duration: 1, amount: 1 }));
  }
  const times = runs.map((r) => r.p50).sort((a, b) => a - b);
  const seconds = times.reduce((a, b) => a + b, 0) / 1000;
  return {
    requests: runs.length,
    throughput: round(runs.length / Math.max(seconds, 0.001), 2),
    p50: round(percentile(times, 0.5)),
    p95: round(percentile(times, 0.95)),
    p99: round(percentile(times, 0.99)),
    mean: round(times.reduce((a, b) => a + b, 0) / runs.length),
    bytesPerResponse: Math.round(runs.reduce((a, r) => a + r.bytesPerResponse, 0) / runs.length),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    mode: `${runs.length} request${runs.length === 1 ? "" : "s"}, one at a time`,
  };
}

async function measureOnce(
  target: Target,
  options: { connections: number; duration: number; amount?: number },
): Promise<Measurement> {
  const times: number[] = [];
  let bytes = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method ?? "GET",
        headers: target.headers,
        body: target.body,
        connections: options.connections,
        duration: options.duration,
        amount: options.amount,
        timeout: 900,
        requests: target.setupRequest
          ? [
              {
                setupRequest: target.setupRequest as (
                  request: autocannon.Request,
                  context: object,
                ) => autocannon.Request,
              },
            ]
          : undefined,
      },
      (error: unknown, res: autocannon.Result) => {
        if (error)
          reject(
            error instanceof Error
              ? error
              : new Error(`autocannon failed: ${JSON.stringify(error)}`),
          );
        else resolve(res);
      },
    );
    instance.on("response", (_client, _status, resBytes, responseTime) => {
      times.push(responseTime);
      bytes += resBytes;
    });
  });
  times.sort((a, b) => a - b);
  const seconds = result.duration || options.duration;
  const mode = options.amount
    ? `${options.amount} requests, ${options.connections} connections`
    : `${options.duration} s`;
  return {
    requests: times.length,
    throughput: round(times.length / seconds, 1),
    p50: round(percentile(times, 0.5)),
    p95: round(percentile(times, 0.95)),
    p99: round(percentile(times, 0.99)),
    mean: round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
    bytesPerResponse: Math.round(bytes / Math.max(1, times.length)),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    mode,
  };
}
