import { ObjectId } from "mongodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as all from "@/app/api/webhooks/route";
import { getDb } from "@/server/db/client";
import { as, create, drainProjectionQueue } from "@/server/testing/fixtures";
import { send } from "@/server/testing/http";
import { startReceiver, type Receiver } from "@/server/testing/receiver";
import { webhookCollections, type WebhookDocument } from "@/server/webhooks/collection";
import { checkDestination } from "@/server/webhooks/destination";
import { WebhookDispatcher } from "@/server/webhooks/dispatcher";

// No WEBHOOKS_ALLOW_PRIVATE here: the desk as deployed.

const subscribe = (url: string) => send(all.POST, "/api/webhooks", { json: { url } });

const receivers: Receiver[] = [];
let dispatcher: WebhookDispatcher | undefined;
afterEach(async () => {
  await dispatcher?.stop();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe("server-side request forgery", () => {
  it.each([
    ["loopback", "http://127.0.0.1:8080/hook"],
    ["loopback by name", "http://localhost:8080/hook"],
    ["IPv6 loopback", "http://[::1]/hook"],
    ["IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/hook"],
    ["private", "https://10.1.2.3/hook"],
    ["private", "http://192.168.0.10/hook"],
    ["link-local", "http://169.254.10.10/hook"],
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/"],
    ["unspecified", "http://0.0.0.0/hook"],
  ])("given a %s address (%s), refuses to subscribe it", async (_, url) => {
    // when a write token subscribes it
    const res = await subscribe(url);

    // then it is a 400 problem beside the URL, and nothing is stored
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.contentType).toContain("application/problem+json");
    expect((res.body as { errors: { url: string[] } }).errors.url[0]).toMatch(
      /^Deliveries to .* are refused: .* (loopback|private|linkLocal|metadata|unspecified|ipv4Mapped)/,
    );
    expect(await webhookCollections(await getDb()).webhooks.countDocuments({})).toBe(0);
  });

  it("given a public address, accepts it (nothing is sent to it here)", async () => {
    // when a public literal address is checked
    const url = await checkDestination("https://93.184.215.14/hook", { allowPrivate: false });
    // then it passes as written
    expect(url).toBe("https://93.184.215.14/hook");
    // and the flag lets loopback through, but never the metadata address
    await expect(checkDestination("http://127.0.0.1/", { allowPrivate: true })).resolves.toBe(
      "http://127.0.0.1/",
    );
    await expect(
      checkDestination("http://169.254.169.254/", { allowPrivate: true }),
    ).rejects.toThrow(/metadata/);
  });

  it("given a name that resolves to loopback at delivery time, refuses to connect", async () => {
    // given a receiver on 127.0.0.1, and a subscription to it by name, stored as though the name
    // had pointed outside when it was subscribed
    const r = await startReceiver();
    receivers.push(r);
    const url = r.url.replace("127.0.0.1", "localhost");
    const db = await getDb();
    const id = new ObjectId();
    const doc: WebhookDocument = {
      _id: id,
      url,
      types: null,
      description: "",
      active: true,
      disabled: null,
      secrets: [
        {
          secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
          createdAt: new Date(),
          expiresAt: null,
        },
      ],
      secretRotatedAt: null,
      createdAt: new Date(),
      createdBy: { id: "t", name: "t" },
      updatedAt: new Date(),
      updatedBy: { id: "t", name: "t" },
      position: 0,
      epoch: 0,
      redeliver: [],
      retry: null,
      lastDeliveredAt: null,
      owner: null,
      leaseUntil: new Date(0),
    };
    await webhookCollections(db).webhooks.insertOne(doc);
    dispatcher = new WebhookDispatcher({
      db: getDb,
      destinations: { allowPrivate: false },
      pollMs: 20,
      timeoutMs: 1_000,
      log: () => undefined,
    });
    dispatcher.start();

    // when an event is to be delivered
    await create({ subject: "Hello", message: "There." }, as("Gateway"));
    await drainProjectionQueue();

    // then the attempt fails on the resolved address, and the receiver gets nothing
    await vi.waitFor(
      async () => {
        const stored = await webhookCollections(db).webhooks.findOne({ _id: id });
        expect(stored?.retry?.lastError).toMatch(/127\.0\.0\.1.*not allowed.*private IP address/);
      },
      { timeout: 10_000, interval: 25 },
    );
    expect(r.received).toHaveLength(0);
  });
});
