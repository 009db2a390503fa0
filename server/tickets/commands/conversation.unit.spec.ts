import { describe, expect, it } from "vitest";
import { changeTagsInput, decideChangeTags } from "@/server/tickets/commands/change-tags";
import { createTicketInput } from "@/server/tickets/commands/create-ticket";
import { decideLinkFollowUp } from "@/server/tickets/commands/link-follow-up";
import {
  decideReceiveMessage,
  followUpSubject,
  receiveMessageInput,
} from "@/server/tickets/commands/receive-message";
import { decideSendReply, sendReplyInput } from "@/server/tickets/commands/send-reply";
import { CONVERSATION_LIMIT } from "@/server/tickets/domain/conversation";
import { InvalidTransitionError, ValidationError } from "@/server/tickets/domain/errors";
import { evolve } from "@/server/tickets/domain/evolve";
import { isAwaitingReply, type TicketEvent } from "@/server/tickets/domain/types";
import { ctx, givenTicket } from "@/server/testing/given-ticket";

const meta = {
  ticketId: "t",
  actor: { id: "user:65a0000000000000000000aa", name: "Ada" },
  version: 2,
  at: ctx.now,
};
const agent = { ...ctx, actor: meta.actor };

describe("ReceiveMessage", () => {
  it("given an open ticket, when the customer writes, then the message joins and a reply is owed", () => {
    const event = decideReceiveMessage(
      givenTicket({ lastMessageFrom: "agent" }),
      { body: "Still broken", customer: null },
      ctx,
    );
    expect(event).toMatchObject({
      type: "MessageReceived",
      entry: {
        kind: "customer",
        body: "Still broken",
        author: { name: "Ada", email: "ada@example.test" },
      },
    });
    const next = evolve(givenTicket({ lastMessageFrom: "agent" }), event as TicketEvent, meta);
    expect(next).toMatchObject({
      publicCount: 2,
      lastMessageFrom: "customer",
      lastMessageAt: ctx.now,
    });
    expect(isAwaitingReply(next)).toBe(true);
  });

  it("given a ticket without a customer, when a customer writes, then they become its customer", () => {
    const customer = { email: "sam@example.test", name: "Sam" };
    const event = decideReceiveMessage(
      givenTicket({ customer: null }),
      { body: "Hi", customer },
      ctx,
    );
    expect(evolve(givenTicket({ customer: null }), event as TicketEvent, meta).customer).toEqual(
      customer,
    );
  });

  it("given a closed ticket, when the customer writes, then it is refused here (a follow-up takes it)", () => {
    expect(
      decideReceiveMessage(
        givenTicket({ status: "closed" }),
        { body: "Again", customer: null },
        ctx,
      ),
    ).toBeInstanceOf(InvalidTransitionError);
  });

  it("given a full conversation, when the customer writes, then refused", () => {
    const messageIds = Array.from({ length: CONVERSATION_LIMIT }, (_, i) => `m${i}`);
    expect(
      decideReceiveMessage(givenTicket({ messageIds }), { body: "One more", customer: null }, ctx),
    ).toBeInstanceOf(ValidationError);
  });

  it.each([
    [{ body: "" }],
    [{ body: " \n " }],
    [{ body: "x".repeat(20_001) }],
    [{ body: "hi", customer: { email: "nope" } }],
    [{ body: "hi", extra: 1 }],
  ])("given %j, when parsed, then refused", (input) => {
    expect(receiveMessageInput.safeParse(input).success).toBe(false);
  });

  it("given a customer email in capitals, when parsed, then it is lower-cased", () => {
    expect(
      receiveMessageInput.parse({ body: " Hi ", customer: { email: "Sam@Example.TEST" } }),
    ).toEqual({
      body: "Hi",
      customer: { email: "sam@example.test", name: null },
    });
  });

  it("given a subject, the follow-up's is Re: <subject>, once, within 200 characters", () => {
    expect(followUpSubject("Printer")).toBe("Re: Printer");
    expect(followUpSubject("Re: Printer")).toBe("Re: Printer");
    expect(followUpSubject("x".repeat(200))).toHaveLength(200);
  });
});

describe("SendReply", () => {
  it("given a ticket awaiting a reply, when an agent replies, then the first response is recorded", () => {
    const event = decideSendReply(givenTicket(), "Try turning it off", agent);
    expect(event).toMatchObject({
      type: "ReplySent",
      entry: { kind: "reply", author: { name: "Ada", personId: "65a0000000000000000000aa" } },
    });
    const next = evolve(givenTicket(), event as TicketEvent, meta);
    expect(next).toMatchObject({
      lastMessageFrom: "agent",
      firstResponseAt: ctx.now,
      firstResponderId: meta.actor.id,
      publicCount: 2,
    });
    expect(isAwaitingReply(next)).toBe(false);
    // A second reply keeps the first response.
    const later = { ...meta, version: 3, at: new Date(ctx.now.getTime() + 60_000) };
    expect(evolve(next, event as TicketEvent, later).firstResponseAt).toEqual(ctx.now);
  });

  it("given a closed ticket, when an agent replies, then refused", () => {
    expect(decideSendReply(givenTicket({ status: "closed" }), "Hello", agent)).toBeInstanceOf(
      InvalidTransitionError,
    );
  });

  it("given a body over 20,000 characters, when parsed, then refused", () => {
    expect(sendReplyInput.safeParse({ body: "x".repeat(20_001) }).success).toBe(false);
    expect(sendReplyInput.safeParse({ body: "x".repeat(20_000) }).success).toBe(true);
  });
});

describe("ChangeTags", () => {
  it("given tags, when some are added and removed, then only real changes are recorded", () => {
    expect(
      decideChangeTags(givenTicket({ tags: ["vpn"] }), {
        add: ["vpn", "billing"],
        remove: ["vpn-2"],
      }),
    ).toEqual({
      type: "TagsChanged",
      added: ["billing"],
      removed: [],
    });
    expect(
      decideChangeTags(givenTicket({ tags: ["vpn"] }), { add: ["vpn"], remove: [] }),
    ).toBeNull();
  });

  it("given 20 tags, when one more is added, then refused naming add", () => {
    const tags = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const refused = decideChangeTags(givenTicket({ tags }), { add: ["one-more"], remove: [] });
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors.add).toBeDefined();
  });

  it("given tags, when evolved, then removed ones go and added ones come last", () => {
    const next = evolve(
      givenTicket({ tags: ["a", "b"] }),
      { type: "TagsChanged", added: ["c"], removed: ["a"] },
      meta,
    );
    expect(next.tags).toEqual(["b", "c"]);
  });

  it.each([["UPPER"], ["with space"], ["x".repeat(41)], [""], ["naïve"]])(
    "given tag %j, when parsed, then lowered or refused",
    (tag) => {
      const parsed = changeTagsInput.safeParse({ add: [tag] });
      if (tag === "UPPER") expect(parsed.data?.add).toEqual(["upper"]);
      else expect(parsed.success).toBe(false);
    },
  );

  it("given neither add nor remove, when parsed, then refused", () => {
    expect(changeTagsInput.safeParse({}).success).toBe(false);
  });
});

describe("CreateTicket with a customer and tags", () => {
  it("given customer or the first version's customerEmail, when parsed, then one customer", () => {
    expect(
      createTicketInput.parse({ subject: "s", message: "m", customerEmail: "A@B.test" }).customer,
    ).toEqual({
      email: "a@b.test",
      name: null,
    });
    expect(
      createTicketInput.parse({
        subject: "s",
        message: "m",
        customer: { email: "a@b.test", name: "Ann" },
        tags: ["x", "x"],
      }),
    ).toMatchObject({ customer: { email: "a@b.test", name: "Ann" }, tags: ["x"] });
  });
});

describe("LinkFollowUp", () => {
  it("given a closed ticket, when linked to a follow-up twice, then linked once", () => {
    const closed = givenTicket({ status: "closed" });
    const event = decideLinkFollowUp(closed, "f1");
    expect(event).toEqual({ type: "FollowUpCreated", followUpId: "f1" });
    const linked = evolve(closed, event as TicketEvent, meta);
    expect(linked.followUps).toEqual(["f1"]);
    expect(decideLinkFollowUp(linked, "f1")).toBeNull();
  });
});
