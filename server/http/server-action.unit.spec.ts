import { MongoNetworkError } from "mongodb";
import { redirect } from "next/navigation";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { UserPrincipal } from "@/server/auth/types";
import { reportDatabaseOutcome } from "@/server/db/client";
import { actionPrincipal } from "@/server/http/authorized-action";
import { formAction } from "@/server/http/form-action";
import { serverAction } from "@/server/http/server-action";
import { InvalidTransitionError, ValidationError } from "@/server/tickets/domain/errors";

vi.mock("@/server/http/authorized-action", () => ({ actionPrincipal: vi.fn() }));
vi.mock("@/server/db/client", () => ({ reportDatabaseOutcome: vi.fn() }));

const lead: UserPrincipal = {
  kind: "user",
  userId: "u1",
  email: "lead@desk.test",
  name: "Lee Lead",
  role: "lead",
};

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  // React's own fields are not the form's.
  data.set("$ACTION_KEY", "k1");
  return data;
};

// An admin-style form: one text field, an outcome with a message.
const named = (run: (name: string) => Promise<void>) =>
  formAction({
    access: "admin",
    schema: z.object({ name: z.string().min(1, "Give a name.") }),
    run: async ({ name }) => {
      await run(name);
      return { status: "done" as const, message: `Saved ${name}.` };
    },
  });

beforeEach(() => {
  vi.mocked(actionPrincipal).mockResolvedValue(lead);
});

afterEach(() => {
  vi.clearAllMocks();
  vi.restoreAllMocks();
});

describe("serverAction", () => {
  it("authorizes with the action's access and runs the body as the caller", async () => {
    // Given an action that records who ran it
    const action = serverAction({
      access: "write",
      schema: z.string(),
      run: (input, caller) =>
        Promise.resolve({ status: "done" as const, input, actor: caller.actor }),
    });

    // When it is called
    const outcome = await action("x");

    // Then it asked for write access and ran as the signed-in person
    expect(actionPrincipal).toHaveBeenCalledWith("write");
    expect(outcome).toEqual({
      status: "done",
      input: "x",
      actor: { id: "user:u1", name: "Lee Lead" },
    });
    expect(reportDatabaseOutcome).toHaveBeenCalledWith(true);
  });

  it("lets a refused session or role end the request, without running the body", async () => {
    const run = vi.fn();
    vi.mocked(actionPrincipal).mockRejectedValue(new Error("NEXT_HTTP_ERROR_FALLBACK;403"));
    const action = serverAction({ access: "admin", schema: z.string(), run });

    await expect(action("x")).rejects.toThrow("NEXT_HTTP_ERROR_FALLBACK;403");
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses invalid input with messages per field, the typed values and no write", async () => {
    const write = vi.fn();

    const outcome = await named(write)({ status: "idle" }, form({ name: "" }));

    expect(outcome).toEqual({
      status: "error",
      kind: "validation",
      message: "Please correct the highlighted fields.",
      fieldErrors: { name: ["Give a name."] },
      values: { name: "" },
    });
    expect(write).not.toHaveBeenCalled();
  });

  it("says why a rule refused, beside the fields it names", async () => {
    const refused = named(() => {
      throw new ValidationError("That name is taken.", { name: ["Taken."] });
    });
    const illegal = named(() => {
      throw new InvalidTransitionError("Closed tickets cannot be reopened.");
    });

    expect(await refused({ status: "idle" }, form({ name: "Ann" }))).toEqual({
      status: "error",
      kind: "validation",
      message: "That name is taken.",
      fieldErrors: { name: ["Taken."] },
      values: { name: "Ann" },
    });
    expect(await illegal({ status: "idle" }, form({ name: "Ann" }))).toMatchObject({
      kind: "invalid-transition",
      message: "Closed tickets cannot be reopened.",
      fieldErrors: {},
    });
  });

  it("shows a database outage inline, and reports it", async () => {
    // Given a database that cannot be reached
    const action = named(() => Promise.reject(new MongoNetworkError("connect ECONNREFUSED")));

    // When the form is sent
    const outcome = await action({ status: "idle" }, form({ name: "Ann" }));

    // Then the form says so, keeps what was typed, and the outage is counted
    expect(outcome).toEqual({
      status: "error",
      kind: "unavailable",
      message:
        "The database cannot be reached right now, so this may not have been saved. Please try again in a moment.",
      fieldErrors: {},
      values: { name: "Ann" },
    });
    expect(reportDatabaseOutcome).toHaveBeenCalledWith(false);
  });

  it("logs anything else and shows a generic message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const bug = new TypeError("undefined is not a function");

    const outcome = await named(() => Promise.reject(bug))({ status: "idle" }, form({ name: "A" }));

    expect(outcome).toMatchObject({
      status: "error",
      kind: "internal",
      message: "Something went wrong on our side. Please try again.",
    });
    expect(log).toHaveBeenCalledWith(bug);
  });

  it("lets a redirect from the body through", async () => {
    const action = named(() => Promise.resolve(redirect("/elsewhere")));

    await expect(action({ status: "idle" }, form({ name: "A" }))).rejects.toThrow("NEXT_REDIRECT");
  });

  it("gives back only what `echo` returns", async () => {
    const action = formAction({
      access: "admin",
      schema: z.object({ password: z.string().min(12, "Too short.") }),
      echo: () => ({}),
      run: () => Promise.resolve({ status: "done" as const }),
    });

    const outcome = await action({ status: "idle" }, form({ password: "short" }));

    expect(outcome).toMatchObject({ status: "error", values: {} });
  });
});
