import { NextRequest } from "next/server";

type Handler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

export interface Sent {
  status: number;
  headers: Headers;
  contentType: string;
  body: unknown;
}

const tokens = new Map<string, Promise<string>>();

/** An API token of the test file's database, created once per scope. */
export function testToken(scope: "read" | "write"): Promise<string> {
  let token = tokens.get(scope);
  if (!token) {
    token = import("@/server/auth/api-tokens").then(
      async ({ createApiToken }) =>
        (await createApiToken({ name: `tests (${scope})`, scope }, "tests")).token,
    );
    tokens.set(scope, token);
  }
  return token;
}

const sessions = new Map<string, Promise<string>>();

/** A `Cookie` header signing in a person with this role, made once per role and test file. */
export function testSession(role: "agent" | "lead"): Promise<string> {
  let cookie = sessions.get(role);
  if (!cookie) {
    cookie = (async () => {
      const { createUser } = await import("@/server/auth/users");
      const { createSession, SESSION_COOKIE } = await import("@/server/auth/sessions");
      const user = await createUser({
        email: `${role}.tests@desk.test`,
        name: role === "lead" ? "Test Lead" : "Test Agent",
        role,
        password: "a test password",
      });
      const session = await createSession(user.userId, { remember: false });
      return `${SESSION_COOKIE}=${encodeURIComponent(session.cookie)}`;
    })();
    sessions.set(role, cookie);
  }
  return cookie;
}

/**
 * Calls a route handler the way Next.js does, with a real Request, and reads the response.
 * Requests carry a write token unless they set their own Authorization, or `as` says otherwise:
 * another token, a signed-in agent's or lead's session cookie, or nothing.
 */
export async function send<P extends Record<string, string>>(
  handler: Handler<P>,
  path: string,
  init: {
    method?: string;
    json?: unknown;
    body?: string;
    headers?: Record<string, string>;
    as?: "read" | "write" | "anonymous" | "agent" | "lead";
  } = {},
  params = {} as P,
): Promise<Sent> {
  const headers = new Headers(init.headers);
  const as = init.as ?? "write";
  if (as === "agent" || as === "lead") {
    headers.set("cookie", await testSession(as));
  } else if (as !== "anonymous" && !headers.has("authorization")) {
    headers.set("authorization", `Bearer ${await testToken(as)}`);
  }
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
