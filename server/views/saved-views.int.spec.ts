import { describe, expect, it } from "vitest";
import { bulkChangeInput, runBulkChange } from "@/server/tickets/bulk-change";
import { changeStatus } from "@/server/tickets/commands/change-status";
import { as, drainProjectionQueue, create, givenPerson } from "@/server/testing/fixtures";
import { listTickets } from "@/server/read-models/ticket-list/list-tickets";
import { deleteView, listSavedViews, saveView, saveViewInput } from "@/server/views/saved-views";

describe("saved views", () => {
  it("keeps each agent's named filter sets apart, replaces a name saved again, and deletes", async () => {
    // given two agents with views
    await saveView("agent:ada", saveViewInput.parse({ name: "Urgent", query: "?priority=urgent" }));
    await saveView(
      "agent:ada",
      saveViewInput.parse({ name: "Mine open", query: "status=open&assignee=me&cursor=abc" }),
    );
    await saveView("agent:bo", saveViewInput.parse({ name: "Urgent", query: "priority=high" }));

    // then each sees only theirs, by name, without the page cursor
    expect(await listSavedViews("agent:ada")).toEqual([
      { id: expect.any(String), name: "Mine open", query: "assignee=me&status=open" },
      { id: expect.any(String), name: "Urgent", query: "priority=urgent" },
    ]);
    expect((await listSavedViews("agent:bo")).map((v) => v.query)).toEqual(["priority=high"]);

    // when a name is saved again, its filters are replaced, not duplicated
    await saveView("agent:ada", saveViewInput.parse({ name: "Urgent", query: "priority=low" }));
    const ada = await listSavedViews("agent:ada");
    expect(ada.map((v) => [v.name, v.query])).toEqual([
      ["Mine open", "assignee=me&status=open"],
      ["Urgent", "priority=low"],
    ]);

    // another agent cannot delete it; its owner can
    const urgent = ada.find((v) => v.name === "Urgent")!;
    expect(await deleteView("agent:bo", urgent.id)).toBe(false);
    expect(await deleteView("agent:ada", urgent.id)).toBe(true);
    expect((await listSavedViews("agent:ada")).map((v) => v.name)).toEqual(["Mine open"]);
  });

  it("refuses names that are empty or longer than 60 characters, beside the field", () => {
    const empty = saveViewInput.safeParse({ name: "   ", query: "" });
    const long = saveViewInput.safeParse({ name: "x".repeat(61), query: "" });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]).toMatchObject({ path: ["name"], message: "Name is required." });
    expect(long.error?.issues[0]).toMatchObject({
      path: ["name"],
      message: "Name must be at most 60 characters.",
    });
    expect(saveViewInput.safeParse({ name: "x".repeat(60), query: "" }).success).toBe(true);
  });
});

describe("bulk change", () => {
  it("applies to every ticket it can and rejects a closed one with the reason", async () => {
    // given ten open tickets, one of them closed
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push((await create({ subject: `Bulk ${i}`, message: "m" })).ticketId);
    }
    await changeStatus(ids[3]!, { status: "closed" }, as());

    // when an agent triages all ten
    const results = await runBulkChange(
      bulkChangeInput.parse({ ticketIds: ids, change: { field: "status", status: "triaged" } }),
      as("Aisha Khan"),
    );

    // then nine are applied at version 2, and the closed one is rejected with its reason
    expect(results.map((r) => r.ticketId)).toEqual(ids);
    expect(results.filter((r) => r.outcome === "applied")).toHaveLength(9);
    expect(results.filter((r) => r.outcome === "applied").every((r) => r.version === 2)).toBe(true);
    expect(results[3]).toEqual({
      ticketId: ids[3],
      outcome: "rejected",
      reason: expect.stringContaining("closed tickets are never reopened"),
    });

    // and the same change again changes nothing
    const again = await runBulkChange(
      bulkChangeInput.parse({
        ticketIds: ids.slice(0, 2),
        change: { field: "status", status: "triaged" },
      }),
      as(),
    );
    expect(again).toEqual([
      { ticketId: ids[0], outcome: "unchanged", version: 2 },
      { ticketId: ids[1], outcome: "unchanged", version: 2 },
    ]);

    // and the list reaches the written versions once projected
    await drainProjectionQueue();
    const page = await listTickets({ limit: 100, status: ["triaged"] });
    expect(page.items.filter((t) => ids.includes(t.ticketId))).toHaveLength(9);
  });

  it("assigns, unassigns with an empty name, sets priority, and reports unknown tickets", async () => {
    const { ticketId } = await create({ subject: "Assign me", message: "m" });
    const missing = "0123456789abcdef01234567";
    const assign = (assignee: string) =>
      runBulkChange(
        bulkChangeInput.parse({
          ticketIds: [ticketId, missing],
          change: { field: "assignee", assignee },
        }),
        as(),
      );
    await givenPerson("Aisha Khan");
    const [assigned, unknown] = await assign("Aisha Khan");
    expect(assigned).toEqual({ ticketId, outcome: "applied", version: 2 });
    expect(unknown).toEqual({
      ticketId: missing,
      outcome: "rejected",
      reason: `Ticket ${missing} was not found.`,
    });
    expect((await assign(""))[0]).toEqual({ ticketId, outcome: "applied", version: 3 });
    const [priority] = await runBulkChange(
      bulkChangeInput.parse({
        ticketIds: [ticketId],
        change: { field: "priority", priority: "urgent" },
      }),
      as(),
    );
    expect(priority).toEqual({ ticketId, outcome: "applied", version: 4 });
    const tags = (change: Record<string, unknown>) =>
      runBulkChange(
        bulkChangeInput.parse({ ticketIds: [ticketId], change: { field: "tags", ...change } }),
        as(),
      );
    expect(await tags({ add: ["vip", "billing"] })).toEqual([
      { ticketId, outcome: "applied", version: 5 },
    ]);
    expect(await tags({ add: ["vip"], remove: ["billing"] })).toEqual([
      { ticketId, outcome: "applied", version: 6 },
    ]);
    expect(await tags({ add: ["vip"] })).toEqual([{ ticketId, outcome: "unchanged", version: 6 }]);
    await drainProjectionQueue();
    const tagged = await listTickets({ limit: 100, tag: "vip" });
    expect(tagged.items.find((t) => t.ticketId === ticketId)?.tags).toEqual(["vip"]);
    for (const change of [{}, { add: ["Not a tag!"] }, { add: "vip" }])
      expect(
        bulkChangeInput.safeParse({ ticketIds: [ticketId], change: { field: "tags", ...change } })
          .success,
      ).toBe(false);
  });

  it("validates ids, their number and the change", () => {
    const ok = { field: "status", status: "open" };
    expect(bulkChangeInput.safeParse({ ticketIds: [], change: ok }).success).toBe(false);
    expect(bulkChangeInput.safeParse({ ticketIds: ["nope"], change: ok }).success).toBe(false);
    const many = Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(24, "0"));
    expect(bulkChangeInput.safeParse({ ticketIds: many, change: ok }).success).toBe(false);
    expect(
      bulkChangeInput.safeParse({
        ticketIds: [many[0]],
        change: { field: "status", status: "gone" },
      }).success,
    ).toBe(false);
    expect(
      bulkChangeInput.safeParse({
        ticketIds: [many[0]],
        change: { field: "subject", subject: "x" },
      }).success,
    ).toBe(false);
  });
});
