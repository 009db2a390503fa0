import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { ObjectId } from "mongodb";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import * as customer from "@/app/api/customers/[email]/route";
import * as customers from "@/app/api/customers/route";
import * as events from "@/app/api/events/route";
import * as eventStream from "@/app/api/events/stream/route";
import * as presence from "@/app/api/tickets/[ticketId]/presence/route";
import * as dashboard from "@/app/api/dashboard/route";
import * as health from "@/app/api/health/route";
import * as openapi from "@/app/api/openapi.json/route";
import * as people from "@/app/api/people/route";
import * as retry from "@/app/api/projections/dead-letters/[ticketId]/retry/route";
import * as projections from "@/app/api/projections/route";
import * as savedReply from "@/app/api/saved-replies/[id]/route";
import * as savedReplies from "@/app/api/saved-replies/route";
import * as webhookRedeliver from "@/app/api/webhooks/[id]/redeliver/route";
import * as webhookReplay from "@/app/api/webhooks/[id]/replay/route";
import * as webhook from "@/app/api/webhooks/[id]/route";
import * as webhooks from "@/app/api/webhooks/route";
import * as sla from "@/app/api/sla/route";
import * as slaVersions from "@/app/api/sla/versions/route";
import * as assignee from "@/app/api/tickets/[ticketId]/assignee/route";
import * as notes from "@/app/api/tickets/[ticketId]/notes/route";
import * as priority from "@/app/api/tickets/[ticketId]/priority/route";
import * as ticket from "@/app/api/tickets/[ticketId]/route";
import * as status from "@/app/api/tickets/[ticketId]/status/route";
import * as tickets from "@/app/api/tickets/route";
import type { dashboardSchema } from "@/server/read-models/dashboard/dashboard-schema";
import type { ticketDetailSchema } from "@/server/read-models/ticket-detail/detail-schema";
import type { ticketListPageSchema } from "@/server/read-models/ticket-list/item-schema";
import { create, drainProjectionQueue, givenPerson } from "@/server/testing/fixtures";
import { send, type Sent } from "@/server/testing/http";
import type { Dashboard } from "@/server/read-models/dashboard/dashboard-schema";
import type { TicketDetail } from "@/server/read-models/ticket-detail/detail-schema";
import type { TicketListPage } from "@/server/read-models/ticket-list/item-schema";
import type { listActivePeople } from "@/server/people/directory";
import type { peopleListSchema } from "@/server/people/people-schema";
import type { listSavedReplies } from "@/server/saved-replies/list-saved-replies";
import type { savedReplyListSchema } from "@/server/saved-replies/schemas";

type Document = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
  >;
};

let doc: Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

beforeAll(async () => {
  await givenPerson("Ada");
  const res = await send(openapi.GET, "/api/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body as Document;
  ajv.addSchema(doc, "openapi");
});

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** Checks a real response against what the document promises for that path, method and status. */
function expectContract(path: string, method: string, res: Sent) {
  const operation = doc.paths[path]?.[method];
  expect(operation, `${method.toUpperCase()} ${path} is documented`).toBeDefined();
  const response = operation!.responses[String(res.status)];
  expect(response, `${method.toUpperCase()} ${path} documents status ${res.status}`).toBeDefined();
  if (res.status === 204) {
    expect(response!.content).toBeUndefined();
    expect(res.body).toBeNull();
    return;
  }
  const mediaType = res.contentType.split(";")[0]!;
  expect(Object.keys(response!.content ?? {})).toContain(mediaType);
  const validate = ajv.getSchema(
    `openapi#/${pointer("paths", path, method, "responses", String(res.status), "content", mediaType, "schema")}`,
  );
  expect(validate).toBeDefined();
  const ok = validate!(res.body);
  expect(validate!.errors ?? [], JSON.stringify(res.body).slice(0, 300)).toEqual([]);
  expect(ok).toBe(true);
}

describe("the API honours its OpenAPI document", () => {
  it("is an OpenAPI 3.1 document covering every route", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/customers",
      "/api/customers/{email}",
      "/api/dashboard",
      "/api/events",
      "/api/events/stream",
      "/api/health",
      "/api/people",
      "/api/projections",
      "/api/projections/dead-letters/{ticketId}/retry",
      "/api/saved-replies",
      "/api/saved-replies/{id}",
      "/api/sla",
      "/api/sla/versions",
      "/api/tickets",
      "/api/tickets/{ticketId}",
      "/api/tickets/{ticketId}/assignee",
      "/api/tickets/{ticketId}/messages",
      "/api/tickets/{ticketId}/notes",
      "/api/tickets/{ticketId}/presence",
      "/api/tickets/{ticketId}/priority",
      "/api/tickets/{ticketId}/replies",
      "/api/tickets/{ticketId}/status",
      "/api/tickets/{ticketId}/tags",
      "/api/webhooks",
      "/api/webhooks/{id}",
      "/api/webhooks/{id}/redeliver",
      "/api/webhooks/{id}/replay",
    ]);
  });

  it("matches real success and error responses of every route", async () => {
    const created = await send(tickets.POST, "/api/tickets", {
      json: {
        subject: "Contract",
        message: "Checking shapes",
        customerEmail: "c@example.test",
        priority: "low",
      },
    });
    expectContract("/api/tickets", "post", created);
    const { ticketId } = created.body as { ticketId: string };
    const on = (route: typeof status, json: unknown) =>
      send(route.POST, `/api/tickets/${ticketId}/x`, { json }, { ticketId });

    expectContract(
      "/api/tickets/{ticketId}",
      "get",
      await send(ticket.GET, `/api/tickets/${ticketId}?minVersion=1`, {}, { ticketId }),
    ); // 202
    expectContract(
      "/api/tickets/{ticketId}/status",
      "post",
      await on(status, { status: "triaged" }),
    );
    expectContract(
      "/api/tickets/{ticketId}/assignee",
      "post",
      await on(assignee, { assignee: "Ada" }),
    );
    expectContract("/api/tickets/{ticketId}/notes", "post", await on(notes, { body: "A note" }));
    expectContract(
      "/api/tickets/{ticketId}/priority",
      "post",
      await on(priority, { priority: "high" }),
    );
    await drainProjectionQueue();
    expectContract(
      "/api/tickets/{ticketId}",
      "get",
      await send(ticket.GET, `/api/tickets/${ticketId}`, {}, { ticketId }),
    );
    expectContract("/api/tickets", "get", await send(tickets.GET, "/api/tickets?limit=2"));
    expectContract("/api/dashboard", "get", await send(dashboard.GET, "/api/dashboard"));
    expectContract("/api/projections", "get", await send(projections.GET, "/api/projections"));
    expectContract("/api/health", "get", await send(health.GET, "/api/health"));
    expectContract(
      "/api/projections/dead-letters/{ticketId}/retry",
      "post",
      await send(
        retry.POST,
        `/api/projections/dead-letters/${ticketId}/retry`,
        { method: "POST" },
        { ticketId },
      ),
    ); // 404: not parked

    // Errors
    expectContract(
      "/api/tickets",
      "post",
      await send(tickets.POST, "/api/tickets", { json: { subject: "" } }),
    );
    expectContract(
      "/api/tickets",
      "post",
      await send(tickets.POST, "/api/tickets", {
        body: "x",
        headers: { "content-type": "text/plain" },
      }),
    );
    expectContract(
      "/api/tickets",
      "post",
      await send(tickets.POST, "/api/tickets", {
        json: { subject: "s", message: "m".repeat(70_000) },
      }),
    );
    expectContract(
      "/api/tickets/{ticketId}/status",
      "post",
      await on(status, { status: "closed" }),
    );
    expectContract("/api/tickets/{ticketId}/status", "post", await on(status, { status: "open" })); // 409
    const unknown = new ObjectId().toHexString();
    expectContract(
      "/api/tickets/{ticketId}",
      "get",
      await send(ticket.GET, `/api/tickets/${unknown}`, {}, { ticketId: unknown }),
    );
    expectContract("/api/tickets", "get", await send(tickets.GET, "/api/tickets?limit=500"));
    // Without credentials, and with a read token on a command.
    const anonymous = await send(tickets.GET, "/api/tickets", { as: "anonymous" });
    expect(anonymous.status).toBe(401);
    expectContract("/api/tickets", "get", anonymous);
    const readOnly = await send(tickets.POST, "/api/tickets", {
      as: "read",
      json: { subject: "No", message: "Read tokens cannot write." },
    });
    expect(readOnly.status).toBe(403);
    expectContract("/api/tickets", "post", readOnly);
  });

  it("matches real responses of the webhook routes", async () => {
    // A public address, inactive: nothing runs deliveries in this test, and nothing would go.
    const subscribe = (json: unknown, as: "write" | "read" = "write") =>
      send(webhooks.POST, "/api/webhooks", { json, as });
    const created = await subscribe({ url: "https://93.184.215.14/hook", active: false });
    expectContract("/api/webhooks", "post", created); // 201
    const { id } = created.body as { id: string };
    expectContract("/api/webhooks", "post", await subscribe({ url: "http://127.0.0.1/" })); // 400
    expectContract(
      "/api/webhooks",
      "post",
      await subscribe({ url: "https://93.184.215.14/" }, "read"),
    ); // 403
    expectContract("/api/webhooks", "get", await send(webhooks.GET, "/api/webhooks"));
    const at = (handler: typeof webhook.GET, method: string, target: string, json?: unknown) =>
      send(handler, `/api/webhooks/${target}`, { method, json }, { id: target });
    expectContract("/api/webhooks/{id}", "get", await at(webhook.GET, "GET", id));
    expectContract("/api/webhooks/{id}", "get", await at(webhook.GET, "GET", "nope")); // 404
    expectContract(
      "/api/webhooks/{id}",
      "patch",
      await at(webhook.PATCH, "PATCH", id, { rotateSecret: true }),
    );
    expectContract("/api/webhooks/{id}", "patch", await at(webhook.PATCH, "PATCH", id, { url: 7 })); // 400
    const redeliverAt = (json: unknown) =>
      send(webhookRedeliver.POST, `/api/webhooks/${id}/redeliver`, { json }, { id });
    const replayAt = (json: unknown) =>
      send(webhookReplay.POST, `/api/webhooks/${id}/replay`, { json }, { id });
    expectContract(
      "/api/webhooks/{id}/redeliver",
      "post",
      await redeliverAt({ position: 999_999 }),
    ); // 400
    expectContract("/api/webhooks/{id}/replay", "post", await replayAt({ fromPosition: 1 })); // 202
    expectContract("/api/webhooks/{id}/replay", "post", await replayAt({})); // 400
    expectContract("/api/webhooks/{id}", "delete", await at(webhook.DELETE, "DELETE", id)); // 204
    expectContract("/api/webhooks/{id}", "delete", await at(webhook.DELETE, "DELETE", id)); // 404
  });

  it("matches real responses of the SLA routes", async () => {
    const policy = {
      calendar: { timeZone: "Europe/Lisbon", hours: { mon: [["09:00", "17:30"]] }, holidays: [] },
      targets: { urgent: { firstResponseMinutes: 30 } },
    };
    const put = (json: unknown, as?: "read") =>
      send(sla.PUT, "/api/sla", { method: "PUT", json, ...(as && { as }) });
    expectContract("/api/sla", "put", await put(policy));
    expectContract(
      "/api/sla",
      "put",
      await put({ ...policy, targets: { urgent: { firstResponseMinutes: 0 } } }),
    ); // 400
    expectContract("/api/sla", "put", await put(policy, "read")); // 403
    expectContract("/api/sla", "get", await send(sla.GET, "/api/sla"));
    expectContract("/api/sla/versions", "get", await send(slaVersions.GET, "/api/sla/versions"));
  });

  it("matches real responses of the saved-reply and people routes", async () => {
    const add = (json: unknown, as: "write" | "read" = "write") =>
      send(savedReplies.POST, "/api/saved-replies", { json, as });
    const created = await add({ name: "Contract", body: "Hi {{customer.name}}" });
    expectContract("/api/saved-replies", "post", created); // 201
    const { id } = created.body as { id: string };
    const on = (method: "PUT" | "DELETE", target: string, json?: unknown) =>
      send(
        method === "PUT" ? savedReply.PUT : savedReply.DELETE,
        `/api/saved-replies/${target}`,
        { method, json },
        { id: target },
      );

    expectContract("/api/saved-replies", "post", await add({ name: "", body: "" })); // 400
    expectContract("/api/saved-replies", "post", await add({ name: "CONTRACT", body: "b" })); // 409
    expectContract("/api/saved-replies", "post", await add({ name: "R", body: "b" }, "read")); // 403
    expectContract("/api/saved-replies", "get", await send(savedReplies.GET, "/api/saved-replies"));
    expectContract("/api/saved-replies/{id}", "put", await on("PUT", id, { name: "C", body: "b" }));
    expectContract("/api/saved-replies/{id}", "put", await on("PUT", id, { name: "C" })); // 400
    expectContract("/api/saved-replies/{id}", "delete", await on("DELETE", id)); // 204
    expectContract("/api/saved-replies/{id}", "delete", await on("DELETE", id)); // 404
    expectContract("/api/saved-replies/{id}", "put", await on("PUT", "x", { name: "C" })); // 404
    expectContract("/api/people", "get", await send(people.GET, "/api/people"));
    const email = "contract@example.test";
    await create({ subject: "Customer", message: "m", customerEmail: email });
    await drainProjectionQueue();
    const customerAt = (e: string) =>
      send(customer.GET, `/api/customers/${encodeURIComponent(e)}`, {}, { email: e });
    expectContract("/api/customers/{email}", "get", await customerAt(email));
    expectContract("/api/customers/{email}", "get", await customerAt("nobody@example.test")); // 404
    expectContract("/api/customers/{email}", "get", await customerAt("nope")); // 400
    const customerList = (query: string) => send(customers.GET, `/api/customers${query}`);
    expectContract("/api/customers", "get", await customerList("?q=contract&limit=1"));
    expectContract("/api/customers", "get", await customerList("?limit=1"));
    expectContract("/api/customers", "get", await customerList("?limit=0")); // 400
    expectContract(
      "/api/people",
      "get",
      await send(people.GET, "/api/people", { as: "anonymous" }),
    );
    const presenceAt = (json: unknown) =>
      send(
        presence.POST,
        `/api/tickets/${ticketOfContract}/presence`,
        { json },
        {
          ticketId: ticketOfContract,
        },
      );
    const ticketOfContract = new ObjectId().toHexString();
    expectContract("/api/tickets/{ticketId}/presence", "post", await presenceAt({ typing: true }));
    expectContract("/api/tickets/{ticketId}/presence", "post", await presenceAt({ typing: 1 })); // 400
    const feed = (query: string) => send(events.GET, `/api/events${query}`);
    expectContract("/api/events", "get", await feed("?after=0&limit=5"));
    expectContract("/api/events", "get", await feed("?types=ticket.created&limit=1"));
    expectContract("/api/events", "get", await feed("?limit=0")); // 400
    const stream = (query: string) => send(eventStream.GET, `/api/events/stream${query}`);
    expectContract("/api/events/stream", "get", await stream("?after=abc")); // 400
    expectContract(
      "/api/events/stream",
      "get",
      await send(eventStream.GET, "/api/events/stream", { as: "anonymous" }),
    ); // 401
    expectContract(
      "/api/events",
      "get",
      await send(events.GET, "/api/events", { as: "anonymous" }),
    );
  });

  it("types what the queries return as what the document describes", () => {
    expectTypeOf<TicketListPage>().toExtend<z.input<typeof ticketListPageSchema>>();
    expectTypeOf<TicketDetail>().toExtend<z.input<typeof ticketDetailSchema>>();
    expectTypeOf<Dashboard>().toExtend<z.input<typeof dashboardSchema>>();
    expectTypeOf<{
      items: Awaited<ReturnType<typeof listSavedReplies>>;
    }>().toExtend<z.input<typeof savedReplyListSchema>>();
    expectTypeOf<{
      items: Awaited<ReturnType<typeof listActivePeople>>;
    }>().toExtend<z.input<typeof peopleListSchema>>();
  });
});
