// One delivery: a POST of the event's JSON, answered 2xx within the timeout, or it failed.
// Redirects are not followed (node:http never follows them), and the body read is bounded.
import { request as httpRequest, type Agent } from "node:http";
import { request as httpsRequest } from "node:https";

export interface DeliveryResult {
  ok: boolean;
  status: number | null;
  durationMs: number;
  error: string | null;
}

export interface DeliveryTarget {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  agents: { http: Agent; https: Agent };
}

/** What of an error answer is kept in the attempts log. */
const ERROR_BODY_CHARS = 200;

export function deliver(target: DeliveryTarget): Promise<DeliveryResult> {
  const started = performance.now();
  const url = new URL(target.url);
  const https = url.protocol === "https:";
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<DeliveryResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const req = (https ? httpsRequest : httpRequest)(url, {
      method: "POST",
      agent: https ? target.agents.https : target.agents.http,
      headers: {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(target.body)),
        "user-agent": "support-desk-webhooks/1",
        ...target.headers,
      },
    });
    // The whole exchange, connection to the end of the answer, within the timeout.
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, error: `no answer within ${target.timeoutMs} ms` });
      req.destroy();
    }, target.timeoutMs);
    req.on("error", (error) => finish({ ok: false, status: null, error: describe(error) }));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (text.length < ERROR_BODY_CHARS) text += chunk;
      });
      res.on("error", (error) => finish({ ok: false, status, error: describe(error) }));
      res.on("end", () => {
        if (ok) return finish({ ok, status, error: null });
        const location = res.headers.location;
        const error =
          status >= 300 && status < 400
            ? `redirect to ${location ?? "(no Location)"} not followed`
            : `answered ${status}${text ? `: ${text.slice(0, ERROR_BODY_CHARS).trim()}` : ""}`;
        finish({ ok, status, error });
      });
    });
    req.end(target.body);
  });
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
}
