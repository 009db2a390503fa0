import { ObjectId } from "mongodb";
import { beforeEach, describe, expect, it } from "vitest";
import * as reply from "@/app/api/saved-replies/[id]/route";
import * as replies from "@/app/api/saved-replies/route";
import { getDb } from "@/server/db/client";
import { COLLECTIONS } from "@/server/db/collections";
import { send, type Sent } from "@/server/testing/http";

type Caller = "read" | "write" | "anonymous" | "agent" | "lead";
interface Item {
  id: string;
  name: string;
  body: string;
  updatedAt: string;
  updatedBy: string;
}

const create = (json: unknown, as: Caller = "write") =>
  send(replies.POST, "/api/saved-replies", { json, as });
const list = (as: Caller = "write") => send(replies.GET, "/api/saved-replies", { as });
const update = (id: string, json: unknown, as: Caller = "write") =>
  send(reply.PUT, `/api/saved-replies/${id}`, { method: "PUT", json, as }, { id });
const remove = (id: string, as: Caller = "write") =>
  send(reply.DELETE, `/api/saved-replies/${id}`, { method: "DELETE", as }, { id });

async function created(name: string, body = `The ${name} reply.`): Promise<Item> {
  const res = await create({ name, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Item;
}

function expectProblem(res: Sent, status: number, type: string, errors?: Record<string, unknown>) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.contentType).toContain("application/problem+json");
  expect(res.body).toMatchObject({ status, type: expect.stringMatching(new RegExp(`/${type}$`)) });
  if (errors) expect((res.body as { errors: unknown }).errors).toMatchObject(errors);
}

const names = async () => ((await list()).body as { items: Item[] }).items.map((i) => i.name);

beforeEach(async () => {
  await (await getDb()).collection(COLLECTIONS.savedReplies).deleteMany({});
});

describe("POST /api/saved-replies", () => {
  it("adds a reply, trimmed: 201 with the item and its Location", async () => {
    // when a write token adds a reply with spaces around its fields
    const res = await create({ name: "  Refund issued ", body: "\nHi {{customer.name}},\n" });

    // then it is created as trimmed, recorded as the token, and named by Location
    expect(res.status).toBe(201);
    const item = res.body as Item;
    expect(item).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: "Refund issued",
      body: "Hi {{customer.name}},",
      updatedAt: expect.any(String),
      updatedBy: "tests (write) (API token)",
    });
    expect(res.headers.get("location")).toBe(`/api/saved-replies/${item.id}`);
    expect((await list()).body).toEqual({ items: [item] });
  });

  it("refuses a name another reply has in any case: 409 beside the name", async () => {
    // given a reply named "Refund issued"
    await created("Refund issued");

    // when another is added as "REFUND ISSUED"
    const res = await create({ name: " REFUND ISSUED", body: "Another." });

    // then it is refused, naming the field, and nothing is added
    expectProblem(res, 409, "conflict", {
      name: ["A saved reply with this name already exists."],
    });
    expect(await names()).toEqual(["Refund issued"]);
  });

  it("gives a name to only one of two callers saving it at the same moment", async () => {
    // given two replies, and two new ones added at once under one name
    const [first, second] = [await created("Alpha"), await created("Beta")];
    const added = await Promise.all([
      create({ name: "Same name", body: "a" }),
      create({ name: "SAME NAME", body: "b" }),
    ]);
    // and the two replies renamed at once to another shared name
    const renamed = await Promise.all([
      update(first.id, { name: "Other name", body: "a" }),
      update(second.id, { name: "other NAME", body: "b" }),
    ]);

    // then one of each pair wins and the other is told the name is taken
    expect(added.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(renamed.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = (await names()).map((n) => n.toLowerCase());
    expect(after.filter((n) => n === "same name" || n === "other name").sort()).toEqual([
      "other name",
      "same name",
    ]);
    expect(after).toHaveLength(3);
  });

  it.each([
    ["an empty name", { name: "   ", body: "b" }, { name: ["Name is required."] }],
    [
      "a name over 60 characters",
      { name: "n".repeat(61), body: "b" },
      { name: ["Name must be at most 60 characters."] },
    ],
    ["an empty body", { name: "n", body: " \n " }, { body: ["Body is required."] }],
    [
      "a body over 20,000 characters",
      { name: "n", body: "b".repeat(20_001) },
      { body: ["Body must be at most 20,000 characters."] },
    ],
    [
      "a NUL character",
      { name: "a\u0000b", body: "b" },
      { name: ["Name contains characters that are not allowed."] },
    ],
    ["a missing body", { name: "n" }, { body: expect.any(Array) }],
    ["a body that is not text", { name: "n", body: 7 }, { body: ["Body must be text."] }],
    ["an unknown field", { name: "n", body: "b", id: "x" }, { id: ["id is not a known field."] }],
    ["an operator-shaped key", { name: { $ne: "" }, body: "b" }, { $ne: expect.any(Array) }],
  ])("refuses %s: 400 naming the field", async (_case, json, errors) => {
    expectProblem(await create(json), 400, "validation", errors);
    expect(await names()).toEqual([]);
  });

  it("accepts the longest name and body", async () => {
    const res = await create({ name: "n".repeat(60), body: "b".repeat(20_000) });
    expect(res.status).toBe(201);
  });

  it("refuses malformed JSON (400) and a body that is not JSON (415)", async () => {
    const headers = { "content-type": "application/json" };
    expectProblem(
      await send(replies.POST, "/api/saved-replies", { body: "{name:", headers }),
      400,
      "malformed-json",
    );
    expectProblem(
      await send(replies.POST, "/api/saved-replies", {
        body: "name=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
      "unsupported-media-type",
    );
  });

  it("keeps at most 200: the 201st is a 409", async () => {
    // given 200 saved replies
    const now = new Date();
    const actor = { id: "tests", name: "Tests" };
    await (await getDb()).collection(COLLECTIONS.savedReplies).insertMany(
      Array.from({ length: 200 }, (_, i) => ({
        _id: new ObjectId(),
        name: `Reply ${i}`,
        nameKey: `reply ${i}`,
        body: "b",
        createdAt: now,
        createdBy: actor,
        updatedAt: now,
        updatedBy: actor,
      })),
    );

    // when one more is added, it is refused; after a delete it fits
    expectProblem(await create({ name: "One too many", body: "b" }), 409, "conflict");
    const [first] = ((await list()).body as { items: Item[] }).items;
    expect(first?.name).toBe("Reply 0");
    expect((await remove(first!.id)).status).toBe(204);
    expect((await create({ name: "One too many", body: "b" })).status).toBe(201);
  });
});

describe("GET /api/saved-replies", () => {
  it("lists every reply by name, ignoring case", async () => {
    // given replies added out of order, in mixed case
    for (const name of ["beta", "Alpha", "gamma", "Beta two", "alpha 2", "alpha 10"]) {
      await created(name);
    }

    // then they come back by name, case-insensitively, numbers in order
    expect(await names()).toEqual(["Alpha", "alpha 2", "alpha 10", "beta", "Beta two", "gamma"]);
  });
});

describe("PUT /api/saved-replies/{id}", () => {
  it("replaces the name and body: 200 with the item, as who saved it", async () => {
    // given a reply
    const before = await created("Shipping delay");

    // when a lead renames it and rewrites its body
    const res = await update(before.id, { name: "Shipping delayed", body: " New text " }, "lead");

    // then it answers the reply as saved, and the list shows it
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: before.id,
      name: "Shipping delayed",
      body: "New text",
      updatedAt: expect.any(String),
      updatedBy: "Test Lead",
    });
    expect((await list()).body).toEqual({ items: [res.body] });
  });

  it("lets a reply keep its own name in another case, but not take another's", async () => {
    const refund = await created("Refund issued");
    await created("Shipping delay");

    expect((await update(refund.id, { name: "REFUND issued", body: "b" })).status).toBe(200);
    expectProblem(await update(refund.id, { name: "shipping DELAY", body: "b" }), 409, "conflict", {
      name: ["A saved reply with this name already exists."],
    });
    expect(await names()).toEqual(["REFUND issued", "Shipping delay"]);
  });

  it("refuses bad input with 400, and an unknown or malformed id with 404", async () => {
    const { id } = await created("Refund issued");

    expectProblem(await update(id, { name: "", body: "b" }), 400, "validation", {
      name: ["Name is required."],
    });
    expectProblem(
      await update(new ObjectId().toHexString(), { name: "n", body: "b" }),
      404,
      "not-found",
    );
    expectProblem(await update("not-an-id", { name: "n", body: "b" }), 404, "not-found");
    // A malformed id is not found before its body is read.
    expectProblem(await update("not-an-id", { nope: true }), 404, "not-found");
    expect(await names()).toEqual(["Refund issued"]);
  });
});

describe("DELETE /api/saved-replies/{id}", () => {
  it("deletes: 204, then 404; a malformed id is 404", async () => {
    const { id } = await created("Refund issued");

    const res = await remove(id);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expect(await names()).toEqual([]);
    expectProblem(await remove(id), 404, "not-found");
    expectProblem(await remove("%24ne"), 404, "not-found");
  });
});

describe("who may call the saved-reply routes", () => {
  it("lets every caller read, and only leads and write tokens change them", async () => {
    // given a reply
    const { id } = await created("Refund issued");
    const body = { name: "Refund issued", body: "b" };

    // then reading needs credentials of any kind
    expectProblem(await list("anonymous"), 401, "unauthorized");
    for (const caller of ["read", "agent", "lead", "write"] as const) {
      expect((await list(caller)).status, caller).toBe(200);
    }

    // and changing them needs a lead or a write token
    for (const caller of ["read", "agent"] as const) {
      expectProblem(await create({ name: `By ${caller}`, body: "b" }, caller), 403, "forbidden");
      expectProblem(await update(id, body, caller), 403, "forbidden");
      expectProblem(await remove(id, caller), 403, "forbidden");
    }
    for (const res of [
      await create({ name: "Anonymous", body: "b" }, "anonymous"),
      await update(id, body, "anonymous"),
      await remove(id, "anonymous"),
    ]) {
      expectProblem(res, 401, "unauthorized");
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
    expect(await names()).toEqual(["Refund issued"]);

    const byLead = await create({ name: "By the lead", body: "b" }, "lead");
    expect(byLead.status).toBe(201);
    expect((byLead.body as Item).updatedBy).toBe("Test Lead");
    expect((await update(id, body, "lead")).status).toBe(200);
    expect((await remove(id, "lead")).status).toBe(204);
  });
});
