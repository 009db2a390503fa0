import { NextRequest } from "next/server";

type Handler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

export interface Sent {
  status: number;
  headers: Headers;
  contentType: string;
  body: unknown;
}

/** Calls a route handler the way Next.js does, with a real Request, and reads the response. */
export async function send<P extends Record<string, string>>(
  handler: Handler<P>,
  path: string,
  init: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  params = {} as P,
): Promise<Sent> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new NextRequest(new URL(path, "http://desk.test"), {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get("content-type") ?? "",
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}
