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
 * pre-CQRS baseline on a big desk: one answer can take many seconds) would give a handful of
 * answers, and autocannon drops the requests still in flight at the end; so when one request
 * alone takes over SLOW_MS, or fewer than MIN_SAMPLES answers came back, it is measured over
 * SLOW_REQUESTS requests from SLOW_CONNECTIONS clients instead, however long that takes. Less
 * concurrency favours the slow side: the ratios it gets are conservative.
 */
export async function measure(
  target: Target,
  options: { connections: number; duration: number; settle?: () => Promise<void> },
): Promise<Measurement> {
  const slowMode = {
    ...options,
    connections: Math.min(options.connections, SLOW_CONNECTIONS),
    amount: SLOW_REQUESTS,
  };
  if (!target.setupRequest && (target.method ?? "GET") === "GET") {
    const started = performance.now();
    const res = await fetch(target.url, { headers: target.headers });
    await res.arrayBuffer();
    if (performance.now() - started > SLOW_MS) return measureOnce(target, slowMode);
  }
  const first = await measureOnce(target, options);
  if (first.requests >= MIN_SAMPLES) return first;
  // The requests autocannon abandoned are still being answered: let them finish first.
  await options.settle?.();
  return measureOnce(target, slowMode);
}

const MIN_SAMPLES = 10;
const SLOW_MS = 1_000;
const SLOW_CONNECTIONS = 2;
const SLOW_REQUESTS = 6;

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
