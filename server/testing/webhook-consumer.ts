// A webhook receiver as an integration would run one, for the fault tests: a real HTTP server
// on 127.0.0.1 that verifies every delivery with `standardwebhooks` and answers 204. What it
// received is then checked against the event feed.
import { Webhook } from "standardwebhooks";
import type { PositionedEvent } from "@/server/events/event";
import { startReceiver, type Receiver } from "@/server/testing/receiver";

export class WebhookConsumer {
  private constructor(
    readonly receiver: Receiver,
    private secret = "",
  ) {}

  static async start(): Promise<WebhookConsumer> {
    return new WebhookConsumer(await startReceiver("/desk-events"));
  }

  /** Subscribes the receiver through the API (the app must allow private addresses). */
  async subscribe(baseURL: string, token: string): Promise<void> {
    const res = await fetch(`${baseURL}/api/webhooks`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ url: this.receiver.url, description: "fault test" }),
      signal: AbortSignal.timeout(30_000),
    });
    if (res.status !== 201)
      throw new Error(`POST /api/webhooks → ${res.status} ${await res.text()}`);
    this.secret = ((await res.json()) as { secret: string }).secret;
  }

  /** Distinct webhook-ids received so far. */
  distinct(): number {
    return new Set(this.receiver.received.map((r) => r.headers["webhook-id"])).size;
  }

  /**
   * What the receiver got against the feed (read in full by a consumer): every event at least
   * once, each signature valid, webhook-id the event id, body the event, and the first receipt
   * of each event in feed order. Returns what is wrong.
   */
  problems(feed: PositionedEvent[]): string[] {
    const problems: string[] = [];
    const verifier = new Webhook(this.secret);
    const first: PositionedEvent[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    for (const request of this.receiver.received) {
      let event: PositionedEvent;
      try {
        event = verifier.verify(
          request.body,
          request.headers as Record<string, string>,
        ) as PositionedEvent;
      } catch (error) {
        problems.push(`a delivery failed verification: ${String(error)}`);
        continue;
      }
      if (request.headers["webhook-id"] !== event.id) {
        problems.push(`webhook-id ${String(request.headers["webhook-id"])} for event ${event.id}`);
      }
      if (seen.has(event.id)) duplicates++;
      else first.push(event);
      seen.add(event.id);
    }
    for (let i = 1; i < first.length; i++) {
      if (first[i]!.position <= first[i - 1]!.position) {
        problems.push(`position ${first[i]!.position} first came after ${first[i - 1]!.position}`);
      }
    }
    const byId = new Map(first.map((e) => [e.id, e]));
    for (const event of feed) {
      const got = byId.get(event.id);
      if (!got) problems.push(`${event.id} (position ${event.position}) never delivered`);
      else if (JSON.stringify(got) !== JSON.stringify(event)) problems.push(`${event.id} differs`);
    }
    console.log(
      `webhooks: ${this.receiver.received.length} deliveries, ${first.length} events, ${duplicates} again (after a kill)`,
    );
    return problems;
  }

  close(): Promise<void> {
    return this.receiver.close();
  }
}
