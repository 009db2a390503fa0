import { describe, expect, it } from "vitest";
import { slaCollections } from "@/server/read-models/sla/collections";
import { currentSlaPolicy } from "@/server/sla/policy";
import { getCollections } from "@/server/db/client";
import { verifyProjections } from "@/server/projections/verify";
import { seedDemo } from "@/server/demo/seed-demo";
import { drainProjectionQueue } from "@/server/testing/fixtures";
import { getCustomer } from "@/server/read-models/customer-detail";
import { listSavedReplies } from "@/server/saved-replies/list-saved-replies";

describe("the demo desk", () => {
  it("has conversations, customers with several tickets, follow-ups, tags and saved replies", async () => {
    // Given an empty desk; when the demo fills it.
    const created = await seedDemo();
    await drainProjectionQueue();
    const { tickets } = await getCollections();
    const all = await tickets.find({}).toArray();

    // Then there are real back-and-forths: replies, and customers answering them.
    expect(created).toBe(36);
    expect(all.length).toBe(36 + 2); // and two follow-ups
    expect(all.filter((t) => t.history.some((h) => h.type === "ReplySent")).length).toBeGreaterThan(
      10,
    );
    expect(all.some((t) => t.history.filter((h) => h.type === "MessageReceived").length >= 1)).toBe(
      true,
    );
    expect(all.filter((t) => t.followUpOf !== null)).toHaveLength(2);
    expect(all.filter((t) => t.tags.length > 0).length).toBeGreaterThan(10);
    // And customers come back: someone has several tickets, with their name.
    const byEmail = new Map<string, number>();
    for (const t of all) byEmail.set(t.customer!.email, (byEmail.get(t.customer!.email) ?? 0) + 1);
    const [email, count] = [...byEmail].sort((a, b) => b[1] - a[1])[0]!;
    expect(count).toBeGreaterThan(2);
    const customer = await getCustomer(email);
    expect(customer?.tickets).toHaveLength(count);
    expect(customer?.name).toBeTruthy();
    expect((await listSavedReplies()).length).toBe(3);
    // and a policy with a calendar, whose clocks every ticket has
    const policy = await currentSlaPolicy((await getCollections()).db);
    expect(policy).toMatchObject({ version: 1, calendar: { timeZone: "Europe/Lisbon" } });
    const clocks = await slaCollections(await getCollections())
      .clocks.find({})
      .toArray();
    expect(clocks).toHaveLength(all.length);
    expect(clocks.filter((c) => c.clocks.length > 0).length).toBe(all.length);
    // And the read side is exact, and a second start adds nothing.
    expect((await verifyProjections(await getCollections(), { waitForQueueMs: 0 })).drift).toEqual(
      [],
    );
    expect(await seedDemo()).toBe(0);
  });
});
