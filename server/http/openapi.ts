import "server-only";
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  commandResultSchema,
  followUpResultSchema,
  healthSchema,
  problemSchema,
  projectionStatusSchema,
  retriedSchema,
  readBehindSchema,
} from "@/server/http/api-schemas";
import { customerDetailSchema } from "@/server/read-models/ticket-list/customer-schema";
import { customerPageSchema, listCustomersQuery } from "@/server/read-models/customers/schema";
import { feedPageSchema, feedQuerySchema, streamQuerySchema } from "@/server/events/schema";
import { presenceAnswerSchema, presenceInput } from "@/server/presence/presence";
import { ticketDetailSchema } from "@/server/read-models/ticket-detail/detail-schema";
import { ticketListPageSchema } from "@/server/read-models/ticket-list/item-schema";
import { addNoteInput } from "@/server/tickets/commands/add-note";
import { assignAgentInput } from "@/server/tickets/commands/assign-agent";
import { changeStatusInput } from "@/server/tickets/commands/change-status";
import { createTicketInput } from "@/server/tickets/commands/create-ticket";
import { setPriorityInput } from "@/server/tickets/commands/set-priority";
import { sendReplyInput } from "@/server/tickets/commands/send-reply";
import { changeTagsInput } from "@/server/tickets/commands/change-tags";
import { receiveMessageInput } from "@/server/tickets/commands/receive-message";
import { listTicketsQuery } from "@/server/read-models/ticket-list/query";
import { dashboardResponseSchema } from "@/server/read-models/dashboard-with-waiting";
import { slaPolicyInput, slaPolicySchema } from "@/server/sla/policy-schema";
import { slaPolicyHistorySchema, slaPolicyViewSchema } from "@/server/sla/policy-view";
import { peopleListSchema } from "@/server/people/people-schema";
import {
  savedReplyInput,
  savedReplyListSchema,
  savedReplySchema,
} from "@/server/saved-replies/schemas";
import {
  createdWebhookSchema,
  redeliverInput,
  replayInput,
  webhookInput,
  webhookListSchema,
  webhookPatch,
  webhookSchema,
} from "@/server/webhooks/schemas";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
/** Problem responses by status, described by PROBLEM_TEXT or by a `[status, text]` pair. */
const problems = (...statuses: (number | [number, string])[]) =>
  Object.fromEntries(
    statuses.map((entry) => {
      const [status, description] =
        typeof entry === "number" ? [entry, PROBLEM_TEXT[entry] ?? "Problem"] : entry;
      return [
        status,
        { description, content: { "application/problem+json": { schema: problemSchema } } },
      ];
    }),
  );
const PROBLEM_TEXT: Record<number, string> = {
  400: "Invalid input: malformed JSON, unknown or wrong fields, values out of range",
  401: "No credentials, or an unknown or revoked token (WWW-Authenticate: Bearer)",
  403: "The token's scope or the person's role does not allow this",
  404: "No such ticket (or a malformed id)",
  409: "Invalid transition (type …/invalid-transition) or version conflict (type …/version-conflict)",
  413: "Body larger than 64 KiB",
  415: "Body is not JSON",
  422: "Idempotency-Key reused with a different request",
  503: "Database unreachable; retry (with the same Idempotency-Key)",
};

const ticketIdParam = z.object({
  ticketId: z.string().meta({ description: "24 hexadecimal characters" }),
});
const idempotencyHeader = z.object({
  "Idempotency-Key": z.string().min(1).max(200).optional().meta({
    description:
      "Repeat the same request with the same key to get the first response again, with nothing written twice.",
  }),
});

function build() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description:
      "An API token (sdt_…): a lead creates one under API tokens, or `npm run tokens -- create`. Read tokens read; write tokens also run commands.",
  });

  registry.registerPath({
    method: "post",
    path: "/api/tickets",
    summary: "Create a ticket",
    request: { body: { required: true, ...json(createTicketInput) }, headers: idempotencyHeader },
    responses: {
      201: {
        description: "Created. Location names the ticket.",
        headers: {
          Location: { schema: { type: "string" }, description: "/api/tickets/{ticketId}" },
        },
        ...json(commandResultSchema),
      },
      ...problems(400, 401, 403, 413, 415, 422, 503),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/tickets",
    summary: "List tickets, newest update first (keyset pagination)",
    request: { query: listTicketsQuery },
    responses: {
      200: { description: "One page", ...json(ticketListPageSchema) },
      ...problems(400, 401, 503),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/tickets/{ticketId}",
    summary: "Read one ticket from its read model",
    request: {
      params: ticketIdParam,
      query: z.object({
        minVersion: z.number().int().min(1).optional().meta({
          description: "Wait up to about 2 s for the read model to reach this version.",
        }),
      }),
    },
    responses: {
      200: { description: "The ticket, at minVersion or newer", ...json(ticketDetailSchema) },
      202: {
        description: "The read model is still behind minVersion; retry after Retry-After seconds",
        headers: { "Retry-After": { schema: { type: "string" } } },
        ...json(readBehindSchema),
      },
      ...problems(400, 401, 404, 503),
    },
  });

  const commands = [
    ["status", "Change the status (a closed ticket never reopens)", changeStatusInput],
    ["assignee", "Assign a person (assigneeId), or null to unassign", assignAgentInput],
    ["notes", "Add an internal note", addNoteInput],
    ["replies", "Send a public reply to the customer, as the caller", sendReplyInput],
    ["tags", "Add and remove tags", changeTagsInput],
    ["priority", "Set the priority", setPriorityInput],
  ] as const;
  for (const [path, summary, schema] of commands) {
    registry.registerPath({
      method: "post",
      path: `/api/tickets/{ticketId}/${path}`,
      summary,
      request: {
        params: ticketIdParam,
        body: { required: true, ...json(schema) },
        headers: idempotencyHeader,
      },
      responses: {
        200: {
          description: "Applied (or already so: the version is unchanged)",
          ...json(commandResultSchema),
        },
        ...problems(400, 401, 403, 404, 409, 413, 415, 422, 503),
      },
    });
  }

  registry.registerPath({
    method: "post",
    path: "/api/tickets/{ticketId}/messages",
    summary:
      "Record an inbound customer message; on a closed ticket it opens a linked follow-up instead",
    request: {
      params: ticketIdParam,
      body: { required: true, ...json(receiveMessageInput) },
      headers: idempotencyHeader,
    },
    responses: {
      200: { description: "Added to the conversation", ...json(commandResultSchema) },
      201: {
        description: "The ticket is closed: a follow-up (Re: <subject>) holds the message",
        headers: { Location: { schema: { type: "string" } } },
        ...json(followUpResultSchema),
      },
      ...problems(400, 401, 403, 404, 409, 413, 415, 422, 503),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/dashboard",
    summary: "Dashboard counts from its read model",
    responses: {
      200: { description: "The dashboard", ...json(dashboardResponseSchema) },
      ...problems(401, 403, 503),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/projections",
    summary: "Projector state: pending work, lag, running projectors, last error, dead letters",
    responses: {
      200: { description: "Projection status", ...json(projectionStatusSchema) },
      ...problems(401, 403, 503),
    },
  });

  registry.registerPath({
    method: "post",
    path: "/api/projections/dead-letters/{ticketId}/retry",
    summary: "Put a ticket parked after repeated projection failures back in the queue",
    request: { params: ticketIdParam },
    responses: {
      200: { description: "Queued again", ...json(retriedSchema) },
      ...problems(401, 403, 404, 503),
    },
  });

  const replyNotFound: [number, string] = [404, "No such saved reply (or a malformed id)"];
  const replyConflict: [number, string] = [
    409,
    "The name is taken, whatever its case (type …/conflict, errors.name), or there are already 200 saved replies",
  ];
  const replyAccess: [number, string] = [403, "Only leads and write tokens manage saved replies"];
  registry.registerPath({
    method: "get",
    path: "/api/saved-replies",
    summary: "The desk's saved replies, by name (ignoring case)",
    responses: {
      200: { description: "Every saved reply", ...json(savedReplyListSchema) },
      ...problems(401, 503),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/saved-replies",
    summary: "Add a saved reply (leads and write tokens)",
    request: { body: { required: true, ...json(savedReplyInput) } },
    responses: {
      201: {
        description: "Created. Location names the saved reply.",
        headers: {
          Location: { schema: { type: "string" }, description: "/api/saved-replies/{id}" },
        },
        ...json(savedReplySchema),
      },
      ...problems(400, 401, replyAccess, replyConflict, 413, 415, 503),
    },
  });
  const replyIdParam = z.object({
    id: z.string().meta({ description: "The saved reply's id: 24 hexadecimal characters" }),
  });
  registry.registerPath({
    method: "put",
    path: "/api/saved-replies/{id}",
    summary: "Replace a saved reply's name and body (leads and write tokens)",
    request: { params: replyIdParam, body: { required: true, ...json(savedReplyInput) } },
    responses: {
      200: { description: "Saved", ...json(savedReplySchema) },
      ...problems(400, 401, replyAccess, replyNotFound, replyConflict, 413, 415, 503),
    },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/saved-replies/{id}",
    summary: "Delete a saved reply (leads and write tokens)",
    request: { params: replyIdParam },
    responses: {
      204: { description: "Deleted" },
      ...problems(401, replyAccess, replyNotFound, 503),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/customers",
    summary: "List customers by email; q finds them by email or name prefix (keyset pagination)",
    request: { query: listCustomersQuery },
    responses: {
      200: { description: "One page", ...json(customerPageSchema) },
      ...problems(400, 401, 503),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/customers/{email}",
    summary: "A customer (email, any case): ticket counts, first and last contact, tickets",
    request: { params: z.object({ email: z.string().meta({ description: "URL-encoded" }) }) },
    responses: {
      200: { description: "The customer", ...json(customerDetailSchema) },
      ...problems(400, 401, 404, 503),
    },
  });

  registry.registerPath({
    method: "post",
    path: "/api/tickets/{ticketId}/presence",
    summary:
      "The ticket page's heartbeat: I have this ticket open (typing a reply or not), or I left; answers who else is there (ephemeral)",
    request: {
      params: ticketIdParam,
      body: { content: { "application/json": { schema: presenceInput } } },
    },
    responses: {
      200: { description: "Who else has the ticket open", ...json(presenceAnswerSchema) },
      ...problems(400, 401, 403, 404, 503),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/events",
    summary:
      "The event feed: every change to every ticket, oldest first, from a cursor (gap-free; wait long-polls)",
    request: { query: feedQuerySchema },
    responses: {
      200: { description: "One page; nextCursor is always given", ...json(feedPageSchema) },
      ...problems(
        400,
        401,
        [
          410,
          "The cursor is older than the oldest kept event (EVENTS_RETENTION_DAYS); start and startCursor say where the feed starts",
        ],
        503,
      ),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/events/stream",
    summary:
      "The event feed as Server-Sent Events: id is the position, data the event as in GET /api/events; resumes after Last-Event-ID",
    request: {
      query: streamQuerySchema,
      headers: z.object({
        "last-event-id": z
          .string()
          .optional()
          .meta({ description: "Sent by a reconnecting client: resume after this position" }),
      }),
    },
    responses: {
      200: {
        description:
          "A stream of `id: <position>`, `data: <FeedEvent JSON>` messages, ending after EVENTS_STREAM_MAX_SECONDS",
        content: { "text/event-stream": { schema: { type: "string" } } },
      },
      ...problems(400, 401, [410, "The cursor is older than the oldest kept event"], 503),
    },
  });

  const hookAccess: [number, string] = [403, "Only leads and write tokens manage webhooks"];
  const hookNotFound: [number, string] = [404, "No such subscription (or a malformed id)"];
  const hookIdParam = z.object({
    id: z.string().meta({ description: "The subscription's id: 24 hexadecimal characters" }),
  });
  registry.registerPath({
    method: "get",
    path: "/api/webhooks",
    summary: "Every webhook subscription, with its feed position and how far behind it is",
    responses: {
      200: { description: "The subscriptions (never their secrets)", ...json(webhookListSchema) },
      ...problems(401, hookAccess, 503),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/webhooks",
    summary:
      "Subscribe a URL to the event feed from now on; the answer holds the signing secret, this once",
    request: { body: { required: true, ...json(webhookInput) } },
    responses: {
      201: {
        description: "Subscribed. Location names it; secret is never shown again.",
        headers: { Location: { schema: { type: "string" }, description: "/api/webhooks/{id}" } },
        ...json(createdWebhookSchema),
      },
      ...problems(
        [
          400,
          "Bad input, or a URL that is not http(s) or points at a loopback, private or link-local address (errors.url)",
        ],
        401,
        hookAccess,
        [409, "There are already 50 subscriptions"],
        413,
        415,
        503,
      ),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/webhooks/{id}",
    summary: "One subscription: position, how far behind, retry state, its last 100 attempts",
    request: { params: hookIdParam },
    responses: {
      200: { description: "The subscription", ...json(webhookSchema) },
      ...problems(401, hookAccess, hookNotFound, 503),
    },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/webhooks/{id}",
    summary:
      "Change a subscription; active: true turns a disabled one on again; rotateSecret: true answers a new secret once (the old one signs for 24 more hours)",
    request: { params: hookIdParam, body: { required: true, ...json(webhookPatch) } },
    responses: {
      200: {
        description: "Saved; with rotateSecret, secret holds the new secret",
        ...json(webhookSchema.extend({ secret: z.string().optional() })),
      },
      ...problems(400, 401, hookAccess, hookNotFound, 413, 415, 503),
    },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/webhooks/{id}",
    summary: "Delete a subscription and its attempts",
    request: { params: hookIdParam },
    responses: {
      204: { description: "Deleted" },
      ...problems(401, hookAccess, hookNotFound, 503),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/webhooks/{id}/redeliver",
    summary: "Send one event again (the same webhook-id), ahead of the feed",
    request: { params: hookIdParam, body: { required: true, ...json(redeliverInput) } },
    responses: {
      202: { description: "Queued", ...json(webhookSchema) },
      ...problems(
        [400, "No event at that position (errors.position)"],
        401,
        hookAccess,
        hookNotFound,
        413,
        415,
        503,
      ),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/webhooks/{id}/replay",
    summary: "Send everything again from a feed position or a time, in feed order",
    request: { params: hookIdParam, body: { required: true, ...json(replayInput) } },
    responses: {
      202: { description: "Replaying", ...json(webhookSchema) },
      ...problems(
        [400, "Neither fromPosition nor fromTime, or a position already pruned"],
        401,
        hookAccess,
        hookNotFound,
        413,
        415,
        503,
      ),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/people",
    summary: "Everyone active (id, name, role), by name, for pickers",
    responses: {
      200: { description: "The active people", ...json(peopleListSchema) },
      ...problems(401, 503),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/sla",
    summary: "The SLA policy in force (calendar and targets by priority), and its recompute",
    responses: {
      200: {
        description: "The policy; version 0 is the default (no targets)",
        ...json(slaPolicyViewSchema),
      },
      ...problems(401, 503),
    },
  });
  registry.registerPath({
    method: "put",
    path: "/api/sla",
    summary: "Replace the whole SLA policy: a new version; clocks are recomputed in the background",
    request: { body: { required: true, ...json(slaPolicyInput) } },
    responses: {
      200: { description: "The saved version", ...json(slaPolicySchema) },
      ...problems(
        [400, "A bad time zone, interval or target (errors name the field)"],
        401,
        [403, "Only leads and write tokens change the SLA policy"],
        413,
        415,
        503,
      ),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/sla/versions",
    summary: "Every saved version of the SLA policy, newest first (who, when, what)",
    responses: {
      200: { description: "The versions", ...json(slaPolicyHistorySchema) },
      ...problems(401, 503),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/api/health",
    summary: "Database reachability and projector state (public, nothing sensitive)",
    security: [],
    responses: {
      200: { description: "Database reachable; status ok or degraded", ...json(healthSchema) },
      503: { description: "Database unreachable", ...json(healthSchema) },
    },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Support desk API",
      version: "1.0.0",
      description:
        "Commands return {ticketId, version}; reads come from read models that catch up shortly after. Pass the version as minVersion to read your own write. Errors are application/problem+json. Every route but /api/health and this document needs Authorization: Bearer <token>.",
    },
    security: [{ bearerAuth: [] }],
  });
}

let cached: ReturnType<typeof build> | undefined;

/** The OpenAPI 3.1 document of the API, generated from the same schemas the routes validate with. */
export function openApiDocument() {
  return (cached ??= build());
}
