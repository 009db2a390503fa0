import { createHash } from "node:crypto";
import fc from "fast-check";
import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as dashboard from "@/app/api/dashboard/route";
import * as health from "@/app/api/health/route";
import * as openapi from "@/app/api/openapi.json/route";
import * as people from "@/app/api/people/route";
import * as retry from "@/app/api/projections/dead-letters/[ticketId]/retry/route";
import * as projections from "@/app/api/projections/route";
import * as savedReply from "@/app/api/saved-replies/[id]/route";
import * as savedReplies from "@/app/api/saved-replies/route";
import * as assignee from "@/app/api/tickets/[ticketId]/assignee/route";
import * as notes from "@/app/api/tickets/[ticketId]/notes/route";
import * as priority from "@/app/api/tickets/[ticketId]/priority/route";
import * as ticket from "@/app/api/tickets/[ticketId]/route";
import * as status from "@/app/api/tickets/[ticketId]/status/route";
import * as tickets from "@/app/api/tickets/route";
import { getCollections, getDb } from "@/server/db/client";
import { COLLECTIONS } from "@/server/db/collections";
import { createSavedReply } from "@/server/saved-replies/create-saved-reply";
import { create } from "@/server/testing/fixtures";
import { send, testToken } from "@/server/testing/http";

// Throws thousands of random and malformed requests at every API route: no answer is a 5xx,
// every refusal is a problem response, and a refused request leaves the write model as it was.

const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);

// Each route reads the one id parameter it has: ticket routes `ticketId`, saved replies `id`.
type Handler = (
  request: NextRequest,
  context: { params: Promise<{ ticketId: string; id: string }> },
) => Promise<Response>;
interface Target {
  method: "GET" | "POST" | "PUT" | "DELETE";
  handler: Handler;
  path: (id: string) => string;
  hasId: boolean;
}

const TARGETS: Target[] = [
  { method: "GET", handler: tickets.GET, path: () => "/api/tickets", hasId: false },
  { method: "POST", handler: tickets.POST, path: () => "/api/tickets", hasId: false },
  { method: "GET", handler: ticket.GET, path: (id) => `/api/tickets/${id}`, hasId: true },
  { method: "POST", handler: status.POST, path: (id) => `/api/tickets/${id}/status`, hasId: true },
  {
    method: "POST",
    handler: assignee.POST,
    path: (id) => `/api/tickets/${id}/assignee`,
    hasId: true,
  },
  { method: "POST", handler: notes.POST, path: (id) => `/api/tickets/${id}/notes`, hasId: true },
  {
    method: "POST",
    handler: priority.POST,
    path: (id) => `/api/tickets/${id}/priority`,
    hasId: true,
  },
  { method: "GET", handler: dashboard.GET, path: () => "/api/dashboard", hasId: false },
  { method: "GET", handler: projections.GET, path: () => "/api/projections", hasId: false },
  {
    method: "POST",
    handler: retry.POST,
    path: (id) => `/api/projections/dead-letters/${id}/retry`,
    hasId: true,
  },
  { method: "GET", handler: savedReplies.GET, path: () => "/api/saved-replies", hasId: false },
  { method: "POST", handler: savedReplies.POST, path: () => "/api/saved-replies", hasId: false },
  {
    method: "PUT",
    handler: savedReply.PUT,
    path: (id) => `/api/saved-replies/${id}`,
    hasId: true,
  },
  {
    method: "DELETE",
    handler: savedReply.DELETE,
    path: (id) => `/api/saved-replies/${id}`,
    hasId: true,
  },
  { method: "GET", handler: people.GET, path: () => "/api/people", hasId: false },
  { method: "GET", handler: health.GET, path: () => "/api/health", hasId: false },
  { method: "GET", handler: openapi.GET, path: () => "/api/openapi.json", hasId: false },
];

/** Every ticket's id and version, and every saved reply: what a refused request must leave. */
async function writeModelDigest(): Promise<string> {
  const { tickets: collection } = await getCollections();
  const docs = await collection
    .find({}, { projection: { _id: 1, version: 1, status: 1, assignee: 1, priority: 1 } })
    .sort({ _id: 1 })
    .toArray();
  const replies = await (
    await getDb()
  )
    .collection(COLLECTIONS.savedReplies)
    .find({}, { projection: { _id: 1, name: 1, body: 1, updatedAt: 1 } })
    .sort({ _id: 1 })
    .toArray();
  return createHash("sha256")
    .update(JSON.stringify([docs, replies]))
    .digest("hex");
}

const printable = fc.string({ unit: fc.constantFrom(..."ab$.{}[]\"'\\ -_=&?%#:/0123456789fF") });
const operatorKey = fc.constantFrom("$ne", "$gt", "$where", "$regex", "a.b", "status.$", "$expr");

/** Bodies: valid-looking commands, arbitrary JSON, operator-shaped objects, and raw junk. */
const body = fc.oneof(
  fc
    .record(
      {
        subject: fc.oneof(fc.string(), fc.constant({ $ne: "" }), fc.integer()),
        message: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(null)),
        status: fc.constantFrom("open", "triaged", "closed", "reopened", { $ne: "closed" }),
        assignee: fc.oneof(fc.string({ maxLength: 120 }), fc.constant(null), fc.integer()),
        priority: fc.constantFrom("low", "normal", "high", "urgent", "URGENT", 7),
        body: fc.oneof(fc.string({ maxLength: 300 }), fc.constant({ $where: "sleep(100)" })),
        name: fc.oneof(fc.string({ maxLength: 80 }), fc.constant({ $ne: "" }), fc.constant("Fuzz")),
        customerEmail: fc.oneof(fc.emailAddress(), fc.string()),
        expectedVersion: fc.oneof(fc.integer(), fc.double(), fc.string()),
      },
      { requiredKeys: [] },
    )
    .map((json) => ({ json: json })),
  fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json })),
  fc
    .tuple(operatorKey, fc.jsonValue({ maxDepth: 2 }))
    .map(([key, value]) => ({ json: { [key]: value, nested: { [key]: value } } })),
  fc.string({ maxLength: 200 }).map((raw) => ({ raw })),
  fc
    .uint8Array({ maxLength: 200 })
    .map((bytes) => ({ raw: Buffer.from(bytes).toString("latin1") })),
);

const id = (known: string[]) =>
  fc.oneof(
    fc.constantFrom(...known),
    fc.stringMatching(/^[0-9a-f]{24}$/),
    fc.stringMatching(/^[0-9A-Fa-f]{23,25}$/),
    printable.map((s) => encodeURIComponent(s)),
    fc.constantFrom("%24ne", "..", "%00", "null", "undefined", "[object Object]"),
  );

const query = fc.oneof(
  fc.constant(""),
  fc
    .dictionary(
      fc.oneof(
        fc.constantFrom(
          "status",
          "assignee",
          "unassigned",
          "priority",
          "hasNote",
          "q",
          "limit",
          "cursor",
          "minVersion",
          "createdFrom",
          "closedTo",
        ),
        operatorKey,
        printable,
      ),
      fc.oneof(printable, fc.constantFrom("open,triaged", "true", "-1", "1e9", "2026-02-30")),
      { maxKeys: 4 },
    )
    .map((params) => `?${new URLSearchParams(params).toString()}`),
);

const headers = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "application/problem+json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "",
    ),
    "idempotency-key": printable,
    "content-length": fc.constantFrom("0", "1", "99999999", "-5", "abc"),
  },
  { requiredKeys: ["content-type"] },
);

const caller = fc.constantFrom<"write" | "read" | "anonymous" | "garbage">(
  "write",
  "write",
  "write",
  "read",
  "anonymous",
  "garbage",
);

describe("every API route under random and malformed requests", () => {
  it(
    `answers ${RUNS} of them without a 5xx, refusing with problem responses and no writes`,
    { timeout: 300_000 },
    async () => {
      const known = await Promise.all(
        Array.from({ length: 3 }, (_, i) =>
          create({ subject: `Fuzz target ${i}`, message: "A ticket the fuzzer aims at." }).then(
            (r) => r.ticketId,
          ),
        ),
      );
      const actor = { id: "fuzz", name: "Fuzz" };
      for (const name of ["Fuzz", "Fuzz target"]) {
        known.push((await createSavedReply({ name, body: "A reply to aim at." }, actor)).id);
      }
      const counts = { requests: 0, refused: 0, accepted: 0 };

      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...TARGETS),
          id(known),
          query,
          body,
          headers,
          caller,
          async (target, ticketId, search, payload, extraHeaders, who) => {
            const before = await writeModelDigest();
            const requestHeaders: Record<string, string> = { ...extraHeaders };
            if (who === "garbage") requestHeaders.authorization = "Bearer sdt_not-a-real-token";
            const path = `${target.path(ticketId)}${search}`;
            let response;
            try {
              response = await send(
                target.handler,
                path,
                {
                  method: target.method,
                  headers: requestHeaders,
                  as: who === "garbage" ? "write" : who,
                  ...("json" in payload
                    ? { body: JSON.stringify(payload.json) }
                    : { body: payload.raw }),
                  ...(target.method === "GET" ? { body: undefined } : {}),
                },
                {
                  ticketId: decodeURIComponentSafe(ticketId),
                  id: decodeURIComponentSafe(ticketId),
                },
              );
            } catch (error) {
              // A request the platform itself cannot build (an invalid URL or header) never
              // reaches the app; anything else is a failure.
              if (error instanceof TypeError) return;
              throw error;
            }
            counts.requests++;
            expect(response.status, `${target.method} ${path}`).toBeLessThan(500);
            if (response.status >= 400) {
              counts.refused++;
              expect(response.contentType).toContain("application/problem+json");
              expect(response.body).toMatchObject({ status: response.status });
              expect(await writeModelDigest(), `${target.method} ${path} changed the model`).toBe(
                before,
              );
            } else {
              counts.accepted++;
            }
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127), endOnFailure: true },
      );

      console.log(
        `fuzz: ${counts.requests} requests, ${counts.refused} refused, ${counts.accepted} accepted`,
      );
      expect(counts.requests).toBeGreaterThanOrEqual(RUNS * 0.95);
      expect(counts.refused).toBeGreaterThan(counts.requests / 2);
      await testToken("read");
    },
  );
});

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

describe("operator-shaped input", () => {
  it("is refused with 400 before it reaches a query, in bodies and in query strings", async () => {
    const { ticketId } = await create({ subject: "Operators", message: "Aim here." });
    const cases = [
      send(tickets.POST, "/api/tickets", { json: { subject: { $ne: "" }, message: "x" } }),
      send(tickets.POST, "/api/tickets", { json: { subject: "a", message: "b", $where: "1" } }),
      send(
        status.POST,
        `/api/tickets/${ticketId}/status`,
        { json: { status: "closed", "meta.x": 1 } },
        { ticketId },
      ),
      send(tickets.GET, "/api/tickets?status[$ne]=closed"),
      send(tickets.GET, "/api/tickets?%24where=1"),
      send(
        ticket.GET,
        `/api/tickets/${encodeURIComponent('{"$ne":null}')}`,
        {},
        {
          ticketId: '{"$ne":null}',
        },
      ),
    ];
    const answers = await Promise.all(cases);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 404]);
    for (const answer of answers) expect(answer.contentType).toContain("application/problem+json");
    expect(answers[1]?.body).toMatchObject({
      detail: expect.stringContaining('"$where"') as unknown,
    });
  });
});
