import "server-only";
import type { z } from "zod";
import { ApiError } from "@/server/http/problem";
import { fieldErrorsOf } from "@/server/http/validation";
import type { Actor } from "@/server/tickets/domain/types";

const MAX_BODY_BYTES = 64 * 1024;

const isJson = (contentType: string | null) => {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
};

/** Reads at most `limit` bytes of a body, refusing more without reading it all. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const tooLarge = () =>
  new ApiError(
    413,
    "payload-too-large",
    "Body too large",
    `The body must be at most ${MAX_BODY_BYTES / 1024} KiB.`,
  );

/**
 * The request body as JSON, validated by `schema`: 415 when it is not JSON, 413 over 64 KiB,
 * 400 when it does not parse or does not match (with one message per field).
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.infer<S>> {
  if (!isJson(request.headers.get("content-type"))) {
    throw new ApiError(
      415,
      "unsupported-media-type",
      "Unsupported media type",
      "Send the body as JSON, with Content-Type: application/json.",
    );
  }
  const bytes = await readLimited(request, MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "it is not valid UTF-8";
    throw new ApiError(
      400,
      "malformed-json",
      "Malformed JSON",
      `The body is not valid JSON: ${reason}`,
    );
  }
  refuseOperatorShapedKeys(json, "The body has a key");
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      400,
      "validation",
      "Invalid request",
      "The body is not valid.",
      fieldErrorsOf(parsed.error),
    );
  }
  return parsed.data;
}

/**
 * The first key, at any depth, shaped like a MongoDB operator or path (`$ne`, `$where`, `a.b`),
 * or null. Such input is refused before any schema or query sees it, whatever the route: the
 * schemas would refuse it too, but this makes the rule independent of every schema being
 * strict.
 */
function operatorShapedKey(value: unknown, depth = 0): string | null {
  if (depth > 32 || value === null || typeof value !== "object") return null;
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith("$") || key.includes(".") || key.includes("\0")) return key.slice(0, 100);
    const nested = operatorShapedKey(child, depth + 1);
    if (nested !== null) return nested;
  }
  return null;
}

function refuseOperatorShapedKeys(value: unknown, where: string): void {
  const key = operatorShapedKey(value);
  if (key === null) return;
  const rule = 'Names may not start with "$" or contain ".".';
  throw new ApiError(400, "validation", "Invalid request", `${where} "${key}". ${rule}`, {
    [key]: [rule],
  });
}

/** Parses the query string with `schema`; unknown parameters are refused like unknown fields. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  refuseOperatorShapedKeys(params, "The query has a parameter");
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    throw new ApiError(
      400,
      "validation",
      "Invalid request",
      "The query string is not valid.",
      fieldErrorsOf(parsed.error),
    );
  }
  return parsed.data;
}

const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** The caller's Idempotency-Key, scoped to the caller so two clients' keys never collide. */
export function idempotencyOf(request: Request, actor: Actor) {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return undefined;
  if (key.length < 1 || key.length > 200 || !/^[\x20-\x7e]+$/.test(key)) {
    throw new ApiError(
      400,
      "validation",
      "Invalid request",
      "The Idempotency-Key header is not valid.",
      {
        [IDEMPOTENCY_HEADER]: ["Use 1 to 200 printable ASCII characters."],
      },
    );
  }
  return { key, scope: `api:${actor.id}` };
}
