import { readFileSync } from "node:fs";
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type Browser,
} from "@playwright/test";
import { runOperatorScript } from "../server/testing/app-process";
import { E2E_ACCOUNTS, SIGNED_OUT } from "./accounts";
import { apiCreate, projected } from "./api";
import { signInWith } from "./helpers";

// The authorization matrix: every route handler, server action and page, called as each kind of
// caller, answers with exactly the status in its row. A new route or action that is not listed
// here fails the test, so none can be added without deciding who may call it.

const CALLERS = ["none", "agent", "lead", "read", "write", "revoked"] as const;
type Caller = (typeof CALLERS)[number];
type Row = Record<Caller, number>;

/** An id nothing has: callers who may pass get 404. */
const NO_SUCH_ID = "0123456789abcdef01234567";

const baseURL = () => process.env.E2E_BASE_URL ?? "";

// What each access level answers (server/auth/access.ts), for route handlers.
const ROUTE_ACCESS = {
  public: { none: 200, agent: 200, lead: 200, read: 200, write: 200, revoked: 200 },
  read: { none: 401, agent: 200, lead: 200, read: 200, write: 200, revoked: 401 },
  create: { none: 401, agent: 201, lead: 201, read: 403, write: 201, revoked: 401 },
  write: { none: 401, agent: 200, lead: 200, read: 403, write: 200, revoked: 401 },
  dashboard: { none: 401, agent: 403, lead: 200, read: 200, write: 200, revoked: 401 },
  // The ticket is not a dead letter (the saved reply does not exist), so a caller who may retry
  // (delete) gets 404.
  operate: { none: 401, agent: 403, lead: 404, read: 403, write: 404, revoked: 401 },
  // Saved replies: everyone reads them, leads and write tokens keep them.
  operateCreate: { none: 401, agent: 403, lead: 201, read: 403, write: 201, revoked: 401 },
  operateWrite: { none: 401, agent: 403, lead: 200, read: 403, write: 200, revoked: 401 },
} satisfies Record<string, Row>;

// Server actions take only the session cookie: a bearer token is no credential for them.
const ACTION_ACCESS = {
  public: { none: 200, agent: 200, lead: 200, read: 200, write: 200, revoked: 200 },
  write: { none: 401, agent: 200, lead: 200, read: 401, write: 401, revoked: 401 },
  admin: { none: 401, agent: 403, lead: 200, read: 401, write: 401, revoked: 401 },
} satisfies Record<string, Row>;

// Pages: signed-out callers (and API tokens, which pages ignore) are sent to sign in.
const PAGE_ACCESS = {
  // Sign-in sends someone already signed in on to the tickets.
  signIn: { none: 200, agent: 307, lead: 307, read: 200, write: 200, revoked: 200 },
  user: { none: 307, agent: 200, lead: 200, read: 307, write: 307, revoked: 307 },
  lead: { none: 307, agent: 403, lead: 200, read: 307, write: 307, revoked: 307 },
} satisfies Record<string, Row>;

/** Every server action by its exported name, with its access and the form it is sent. */
const ACTIONS: Record<
  string,
  {
    access: keyof typeof ACTION_ACCESS;
    fields: () => Record<string, string>;
    /** The arguments before the form data (the ticket page binds the ticket id). */
    bound?: () => unknown[];
  }
> = {
  signInAction: { access: "public", fields: () => ({ email: "x@desk.test", password: "nope" }) },
  signOutAction: { access: "public", fields: () => ({}) },
  createTicketAction: { access: "write", fields: () => ({ subject: "", message: "" }) },
  bulkChangeAction: { access: "write", fields: () => ({}) },
  saveViewAction: { access: "write", fields: () => ({ name: "", query: "" }) },
  deleteViewAction: { access: "write", fields: () => ({}) },
  changeStatusAction: {
    access: "write",
    bound: () => [ticketId],
    fields: () => ({ status: "triaged" }),
  },
  setPriorityAction: {
    access: "write",
    bound: () => [ticketId],
    fields: () => ({ priority: "high" }),
  },
  addNoteAction: { access: "write", bound: () => [ticketId], fields: () => ({ body: "matrix" }) },
  sendReplyAction: { access: "write", bound: () => [ticketId], fields: () => ({ body: "matrix" }) },
  changeTagsAction: { access: "write", bound: () => [ticketId], fields: () => ({ add: "matrix" }) },
  assignAgentAction: { access: "write", bound: () => [ticketId], fields: () => ({ intent: "me" }) },
  createPersonAction: { access: "admin", fields: () => ({ email: "", name: "", role: "agent" }) },
  setPersonActiveAction: { access: "admin", fields: () => ({ userId: "0", active: "true" }) },
  resetPasswordAction: { access: "admin", fields: () => ({ userId: "0" }) },
  createTokenAction: { access: "admin", fields: () => ({ name: "", scope: "read" }) },
  revokeTokenAction: { access: "admin", fields: () => ({ tokenId: "0" }) },
  createSavedReplyAction: { access: "admin", fields: () => ({ name: "", body: "" }) },
  updateSavedReplyAction: { access: "admin", fields: () => ({ id: "0", name: "", body: "" }) },
  deleteSavedReplyAction: { access: "admin", fields: () => ({}) },
  // An id nothing has, or a form refused: the matrix's subscription is never changed.
  createWebhookAction: { access: "admin", fields: () => ({ url: "" }) },
  updateWebhookAction: { access: "admin", fields: () => ({ id: NO_SUCH_ID, url: "" }) },
  rotateWebhookSecretAction: { access: "admin", fields: () => ({ id: NO_SUCH_ID }) },
  deleteWebhookAction: { access: "admin", fields: () => ({ id: NO_SUCH_ID, confirm: "on" }) },
  redeliverWebhookEventAction: {
    access: "admin",
    fields: () => ({ id: NO_SUCH_ID, position: "1" }),
  },
  replayWebhookAction: {
    access: "admin",
    fields: () => ({ id: NO_SUCH_ID, fromPosition: "1", fromTime: "" }),
  },
  // A refused policy (a negative target) and no file: the desk's policy is never changed.
  saveSlaPolicyAction: {
    access: "admin",
    fields: () => ({ "targets.urgent.firstResponseMinutes": "-1" }),
  },
  importHolidaysAction: { access: "admin", fields: () => ({}) },
};

let ticketId = "";
const MATRIX_CUSTOMER = "matrix@example.test";
let replyId = "";
/** An inactive subscription (nothing is sent to it), for its page. */
let webhookId = "";
let revokedToken = "";
const contexts = new Map<Caller, APIRequestContext>();

test.beforeAll(async () => {
  const base = baseURL();
  const write = process.env.E2E_WRITE_TOKEN ?? "";
  const read = process.env.E2E_READ_TOKEN ?? "";
  const mongoUri = process.env.E2E_MONGO_URI ?? "";
  const printed = await runOperatorScript(
    "tokens",
    ["create", "--name", "soon revoked", "--scope", "write"],
    mongoUri,
  );
  revokedToken = /^sdt_\S+$/m.exec(printed)?.[0] ?? "";
  const tokenId = /\(id ([0-9a-f]+)\)/.exec(printed)?.[1] ?? "";
  await runOperatorScript("tokens", ["revoke", "--id", tokenId], mongoUri);

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  // Contexts made in a test inherit the project's signed-in state unless told otherwise.
  const context = (extraHTTPHeaders?: Record<string, string>) =>
    playwrightRequest.newContext({ baseURL: base, storageState: SIGNED_OUT, extraHTTPHeaders });
  contexts.set("none", await context());
  contexts.set("read", await context(bearer(read)));
  contexts.set("write", await context(bearer(write)));
  contexts.set("revoked", await context(bearer(revokedToken)));

  const created = await apiCreate(contexts.get("write")!, {
    subject: "Authorization matrix",
    message: "A ticket to aim requests at.",
    customerEmail: MATRIX_CUSTOMER,
  });
  ticketId = created.ticketId;
  // The customer exists for readers once the list read model has the ticket.
  await projected(contexts.get("write")!, created);
  const reply = await contexts.get("write")!.post("/api/saved-replies", { data: replyBody() });
  expect(reply.status(), await reply.text()).toBe(201);
  ({ id: replyId } = (await reply.json()) as { id: string });
  const webhook = await contexts.get("write")!.post("/api/webhooks", {
    data: { url: "http://127.0.0.1:9/matrix-page", active: false, description: "Matrix page" },
  });
  expect(webhook.status(), await webhook.text()).toBe(201);
  ({ id: webhookId } = (await webhook.json()) as { id: string });
});

/**
 * Fresh sessions for the agent and the lead, signed in through the sign-in page, so calling
 * sign-out in the matrix ends these and not the ones other tests share.
 */
test.beforeEach(async ({ browser }) => {
  for (const role of ["agent", "lead"] as const) {
    await contexts.get(role)?.dispose();
    contexts.set(role, await signedIn(browser, role));
  }
});

async function signedIn(browser: Browser, role: "agent" | "lead") {
  const account = E2E_ACCOUNTS[role];
  const context = await browser.newContext({ baseURL: baseURL(), storageState: SIGNED_OUT });
  const page = await context.newPage();
  await signInWith(page, account.email, account.password);
  const storageState = await context.storageState();
  await context.close();
  return playwrightRequest.newContext({ baseURL: baseURL(), storageState });
}

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

const ticketBody = () => ({ subject: "Matrix ticket", message: "Created by the matrix." });
// Its own name per worker: a worker started again after a failure runs beforeAll again.
const replyName = `Matrix reply ${process.pid}-${Date.now()}`;
const replyBody = () => ({ name: replyName, body: "Aimed at by the matrix." });
let replies = 0;
const ROUTES: {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: () => string;
  access: keyof typeof ROUTE_ACCESS;
  data?: () => unknown;
}[] = [
  { method: "GET", path: () => "/api/health", access: "public" },
  { method: "GET", path: () => "/api/openapi.json", access: "public" },
  { method: "GET", path: () => "/api/tickets", access: "read" },
  { method: "POST", path: () => "/api/tickets", access: "create", data: ticketBody },
  { method: "GET", path: () => `/api/tickets/${ticketId}`, access: "read" },
  {
    method: "POST",
    path: () => `/api/tickets/${ticketId}/status`,
    access: "write",
    data: () => ({ status: "triaged" }),
  },
  {
    method: "POST",
    path: () => `/api/tickets/${ticketId}/assignee`,
    access: "write",
    data: () => ({ assignee: "Aisha Khan" }),
  },
  {
    method: "POST",
    path: () => `/api/tickets/${ticketId}/notes`,
    access: "write",
    data: () => ({ body: "Matrix note" }),
  },
  {
    method: "POST",
    path: () => `/api/tickets/${ticketId}/messages`,
    access: "write",
    data: () => ({ body: "Matrix customer message" }),
  },
  {
    method: "POST",
    path: () => `/api/tickets/${ticketId}/replies`,
    access: "write",
    data: () => ({ body: "Matrix reply" }),
  },
  {
    method: "POST",
    path: () => `/api/tickets/${ticketId}/tags`,
    access: "write",
    data: () => ({ add: ["matrix"] }),
  },
  {
    method: "POST",
    path: () => `/api/tickets/${ticketId}/priority`,
    access: "write",
    data: () => ({ priority: "high" }),
  },
  { method: "GET", path: () => "/api/dashboard", access: "dashboard" },
  { method: "GET", path: () => "/api/projections", access: "dashboard" },
  {
    method: "POST",
    path: () => `/api/projections/dead-letters/${ticketId}/retry`,
    access: "operate",
  },
  { method: "GET", path: () => "/api/saved-replies", access: "read" },
  {
    method: "POST",
    path: () => "/api/saved-replies",
    access: "operateCreate",
    // A new name each time: a name already taken would be a 409.
    data: () => ({ name: `${replyName} ${++replies}`, body: "Created by the matrix." }),
  },
  {
    method: "PUT",
    path: () => `/api/saved-replies/${replyId}`,
    access: "operateWrite",
    data: replyBody,
  },
  {
    method: "DELETE",
    path: () => `/api/saved-replies/${NO_SUCH_ID}`,
    access: "operate",
  },
  { method: "GET", path: () => "/api/people", access: "read" },
  { method: "GET", path: () => `/api/customers/${MATRIX_CUSTOMER}`, access: "read" },
  { method: "GET", path: () => "/api/customers?q=matrix", access: "read" },
  { method: "GET", path: () => "/api/events?limit=1", access: "read" },
  {
    method: "POST",
    path: () => `/api/tickets/${ticketId}/presence`,
    access: "write",
    data: () => ({ typing: false }),
  },
  { method: "GET", path: () => "/api/webhooks", access: "operateWrite" },
  {
    method: "POST",
    path: () => "/api/webhooks",
    access: "operateCreate",
    // Inactive: nothing is ever sent to it.
    data: () => ({ url: "http://127.0.0.1:9/matrix", active: false }),
  },
  { method: "GET", path: () => `/api/webhooks/${NO_SUCH_ID}`, access: "operate" },
  {
    method: "PATCH",
    path: () => `/api/webhooks/${NO_SUCH_ID}`,
    access: "operate",
    data: () => ({ description: "Matrix" }),
  },
  { method: "DELETE", path: () => `/api/webhooks/${NO_SUCH_ID}`, access: "operate" },
  {
    method: "POST",
    path: () => `/api/webhooks/${NO_SUCH_ID}/redeliver`,
    access: "operate",
    data: () => ({ position: 1 }),
  },
  {
    method: "POST",
    path: () => `/api/webhooks/${NO_SUCH_ID}/replay`,
    access: "operate",
    data: () => ({ fromPosition: 1 }),
  },
  { method: "GET", path: () => "/api/sla", access: "read" },
  {
    method: "PUT",
    path: () => "/api/sla",
    access: "operateWrite",
    // No targets: the other journeys, which share the app, see no clocks.
    data: () => ({ calendar: { alwaysOpen: true }, targets: {} }),
  },
  { method: "GET", path: () => "/api/sla/versions", access: "read" },
  // Streams end after EVENTS_STREAM_MAX_SECONDS (3 s in the e2e run), so the answer completes.
  { method: "GET", path: () => "/api/events/stream?after=0", access: "read" },
];

const PAGES: { path: () => string; access: keyof typeof PAGE_ACCESS }[] = [
  { path: () => "/sign-in", access: "signIn" },
  { path: () => "/tickets", access: "user" },
  { path: () => `/tickets/${ticketId}`, access: "user" },
  { path: () => "/dashboard", access: "lead" },
  { path: () => `/customers/${MATRIX_CUSTOMER}`, access: "user" },
  { path: () => "/customers?q=matrix", access: "user" },
  { path: () => "/admin/people", access: "lead" },
  { path: () => "/admin/tokens", access: "lead" },
  { path: () => "/admin/saved-replies", access: "lead" },
  { path: () => "/admin/webhooks", access: "lead" },
  { path: () => `/admin/webhooks/${webhookId}`, access: "lead" },
  { path: () => "/admin/sla", access: "lead" },
];

test("every route handler is in the matrix", () => {
  const routes = readFileSync(".next/app-path-routes-manifest.json", "utf8");
  const paths = Object.values(JSON.parse(routes) as Record<string, string>).filter((p) =>
    p.startsWith("/api/"),
  );
  const covered = new Set(
    ROUTES.map((r) =>
      r
        .path()
        .replace(ticketId, "[ticketId]")
        .replace(replyId, "[id]")
        .replace(NO_SUCH_ID, "[id]")
        .replace(MATRIX_CUSTOMER, "[email]")
        .replace(/\?.*$/, ""),
    ),
  );
  expect(paths.filter((p) => !covered.has(p))).toEqual([]);
});

test("route handlers answer each caller with the status of their access level", async () => {
  const seen: string[] = [];
  for (const route of ROUTES) {
    for (const caller of CALLERS) {
      const context = contexts.get(caller)!;
      const response = await context.fetch(route.path(), {
        method: route.method,
        data:
          route.method === "POST" || route.method === "PUT" || route.method === "PATCH"
            ? (route.data?.() ?? {})
            : undefined,
      });
      const expected = ROUTE_ACCESS[route.access][caller];
      seen.push(`${route.method} ${route.path()} as ${caller}: ${response.status()}`);
      expect(response.status(), `${route.method} ${route.path()} as ${caller}`).toBe(expected);
      if (expected === 401 || expected === 403) {
        expect(response.headers()["content-type"]).toContain("application/problem+json");
      }
      if (expected === 401) expect(response.headers()["www-authenticate"]).toContain("Bearer");
    }
  }
  expect(seen).toHaveLength(ROUTES.length * CALLERS.length);
});

interface ManifestEntry {
  exportedName: string;
  filename: string;
  workers: Record<string, unknown>;
}

/** The page a server action is served from, with a real ticket or webhook id in its segments. */
function pageFor(entry: ManifestEntry): string {
  const worker = Object.keys(entry.workers).find((w) => !w.includes("_not-found")) ?? "app/page";
  return (
    worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace("[ticketId]", ticketId)
      .replace("/admin/webhooks/[id]", `/admin/webhooks/${webhookId}`) || "/"
  );
}

test("server actions answer each caller with the status of their access level", async () => {
  const manifest = JSON.parse(
    readFileSync(".next/server/server-reference-manifest.json", "utf8"),
  ) as { node: Record<string, ManifestEntry> };
  // Signing out last: it ends the session the other calls use.
  const entries = Object.entries(manifest.node).sort(
    ([, a], [, b]) =>
      Number(a.exportedName === "signOutAction") - Number(b.exportedName === "signOutAction"),
  );
  expect(entries.map(([, e]) => e.exportedName).filter((name) => !(name in ACTIONS))).toEqual([]);

  for (const [id, entry] of entries) {
    const action = ACTIONS[entry.exportedName]!;
    for (const caller of CALLERS) {
      const fields = action.fields();
      const multipart: Record<string, string> = {
        // React's encoding of the arguments (previous state, form data): the form's fields are
        // sent with the prefix of the reference "$K1".
        "0": JSON.stringify([...(action.bound?.() ?? []), { status: "idle" }, "$K1"]),
      };
      for (const [key, value] of Object.entries(fields)) multipart[`1_${key}`] = value;
      const response = await contexts.get(caller)!.post(pageFor(entry), {
        headers: { "next-action": id, origin: baseURL(), accept: "text/x-component" },
        multipart,
        maxRedirects: 0,
      });
      // Signing out redirects (303) whoever calls it; that is its 200.
      const status =
        entry.exportedName === "signOutAction" && response.status() === 303
          ? 200
          : response.status();
      expect(status, `${entry.exportedName} as ${caller}`).toBe(
        ACTION_ACCESS[action.access][caller],
      );
    }
  }
});

test("pages send signed-out callers to sign in, and refuse roles they are not for", async () => {
  for (const page of PAGES) {
    for (const caller of CALLERS) {
      const response = await contexts.get(caller)!.get(page.path(), { maxRedirects: 0 });
      const expected = PAGE_ACCESS[page.access][caller];
      expect(response.status(), `${page.path()} as ${caller}`).toBe(expected);
      if (expected === 307 && page.access !== "signIn") {
        expect(response.headers().location).toContain("/sign-in");
      }
    }
  }
});

test("pages carry a nonce-based Content-Security-Policy and the other security headers", async () => {
  const response = await contexts.get("agent")!.get("/tickets");
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  const nonce = /'nonce-([\w+/=]+)'/.exec(csp)?.[1];
  const html = await response.text();
  // Every inline script carries this response's nonce.
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1] ?? "");
  expect(scripts.length).toBeGreaterThan(0);
  for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
});

test("a cookie-authenticated write from another site is refused", async () => {
  const response = await contexts.get("agent")!.post("/api/tickets", {
    data: ticketBody(),
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
});
