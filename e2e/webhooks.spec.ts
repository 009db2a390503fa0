import { expect, test } from "@playwright/test";
import { Webhook as Verifier } from "standardwebhooks";
import { startReceiver, type Receiver } from "../server/testing/receiver";
import { bearer, STORAGE_STATE } from "./accounts";
import { expectAccessible } from "./helpers";

// A lead subscribes a receiver on 127.0.0.1 (the e2e run allows private addresses), is shown
// its signing secret once, and watches a ticket's events reach it: the attempts table says what
// was sent, the signature verifies with the secret shown, and Redeliver sends the same event
// (the same webhook-id) again. Nothing is sent anywhere but 127.0.0.1.

test.use({ storageState: STORAGE_STATE.lead });

interface Delivered {
  id: string;
  type: string;
  ticketId: string;
  position: number;
}

let receiver: Receiver;

test.beforeAll(async () => {
  receiver = await startReceiver();
});

test.afterAll(async () => {
  await receiver.close();
});

/** What the receiver was sent: each request's body, its headers and when. */
const deliveries = () =>
  receiver.received.map((r) => ({ ...r, event: JSON.parse(r.body) as Delivered }));

/** No serious or critical accessibility violations on the page as it is. */

test("a lead subscribes a receiver, sees the secret once, and its ticket.created delivery verifies and is redelivered", async ({
  page,
  request,
}) => {
  const run = Date.now().toString(36);
  const description = `E2E receiver ${run}`;

  await page.goto("/tickets");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Webhooks" })
    .click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "New webhook subscription" });
  // "All events" and "Active" are the defaults.
  await expect(form.getByRole("checkbox", { name: "All events" })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: "ticket.created" })).toBeDisabled();
  await expect(form.getByRole("checkbox", { name: /Active/ })).toBeChecked();

  // Only http and https are taken: the refusal stands beside the URL, and what was typed stays.
  await form.getByLabel("URL").fill("ftp://example.test/x");
  await form.getByLabel("Description").fill(description);
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(form.getByLabel("URL")).toHaveAccessibleDescription("URL must use http or https.");
  await expect(form.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Description")).toHaveValue(description);
  await expect(page.getByTestId("secret")).toHaveCount(0);

  // Unticking "All events" without picking a type is refused too.
  await form.getByRole("checkbox", { name: "All events" }).uncheck();
  await form.getByLabel("URL").fill(receiver.url);
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("group", { name: "Event types" })).toContainText(
    "Pick at least one event type, or All events.",
  );
  await form.getByRole("checkbox", { name: "All events" }).check();

  // Subscribed: the secret is shown once, in its marked box.
  await form.getByLabel("URL").fill(receiver.url);
  await form.getByRole("button", { name: "Subscribe" }).click();
  const box = page.getByTestId("secret-box");
  await expect(box).toContainText("Copy it now; it is not shown again.");
  const secret = (await box.getByTestId("secret").textContent()) ?? "";
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);

  const row = page.locator(`tr[data-webhook="${receiver.url}"]`);
  await expect(row).toContainText(description);
  await expect(row).toContainText("All");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("never");
  await expectAccessible(page, "webhooks list");

  // The detail page never shows the secret again.
  await row.getByRole("link", { name: receiver.url }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(receiver.url);
  await expect(page.getByText(secret)).toHaveCount(0);
  const detail = page.url();

  // A ticket made through the API reaches the receiver as ticket.created, signed.
  const created = await request.post("/api/tickets", {
    headers: bearer("write"),
    data: {
      subject: `WH${run} Webhook journey`,
      message: "Please tell our CRM about this ticket.",
      customerEmail: `webhooks.${run}@example.test`,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { ticketId } = (await created.json()) as { ticketId: string };
  const isOurs = (d: ReturnType<typeof deliveries>[number]) =>
    d.event.ticketId === ticketId && d.event.type === "ticket.created";
  await expect
    .poll(() => deliveries().filter(isOurs).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
  const first = deliveries().find(isOurs)!;
  const webhookId = String(first.headers["webhook-id"]);
  expect(webhookId).toBe(first.event.id);
  expect(new Verifier(secret).verify(first.body, first.headers as Record<string, string>)).toEqual(
    JSON.parse(first.body),
  );
  // Signed with this secret and no other.
  expect(() =>
    new Verifier(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(
      first.body,
      first.headers as Record<string, string>,
    ),
  ).toThrow();

  // The attempts table shows it: 2xx, first attempt, with its position.
  const attempt = page.locator(`tr[data-attempt-event="${webhookId}"]`).first();
  await expect(async () => {
    await page.reload();
    await expect(attempt).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(attempt.getByTestId("attempt-status")).toHaveText(/^2\d\d$/);
  await expect(attempt).toContainText(`at position ${first.event.position}`);
  await expect(attempt).toContainText("#1");
  await expect(page.getByTestId("webhook-facts")).toContainText("Active");
  await expectAccessible(page, "webhook detail");
  await page.screenshot({ path: "test-results/screenshots/webhooks-light.png", fullPage: true });

  // Redeliver: the receiver gets the same webhook-id again, and it still verifies.
  const before = deliveries().filter((d) => d.headers["webhook-id"] === webhookId).length;
  await attempt.getByRole("button", { name: `Redeliver ${webhookId}` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "queued to be sent again" }),
  ).toBeVisible();
  await expect
    .poll(() => deliveries().filter((d) => d.headers["webhook-id"] === webhookId).length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(before);
  const again = deliveries()
    .filter((d) => d.headers["webhook-id"] === webhookId)
    .at(-1)!;
  expect(again.event).toEqual(first.event);
  new Verifier(secret).verify(again.body, again.headers as Record<string, string>);
  await expect(async () => {
    await page.reload();
    await expect(page.locator(`tr[data-attempt-event="${webhookId}"]`)).toHaveCount(2, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });

  // Rotating shows the new secret once and says the old one still signs for a while.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const rotated = page.getByRole("form", { name: "Rotate secret" }).locator("..");
  await expect(rotated.getByTestId("secret-box")).toContainText("New signing secret");
  await expect(rotated).toContainText("The old secret keeps signing too until");
  const newSecret = (await rotated.getByTestId("secret").textContent()) ?? "";
  expect(newSecret).not.toBe(secret);

  // Replayed from the event's position: sent again, now signed by both secrets.
  const sent = deliveries().filter((d) => d.headers["webhook-id"] === webhookId).length;
  const replay = page.getByRole("form", { name: "Replay from" });
  await replay.getByLabel("From position").fill(String(first.event.position));
  await replay.getByRole("button", { name: "Replay" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Replaying: everything after position" }),
  ).toBeVisible();
  await expect
    .poll(() => deliveries().filter((d) => d.headers["webhook-id"] === webhookId).length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(sent);
  const replayed = deliveries()
    .filter((d) => d.headers["webhook-id"] === webhookId)
    .at(-1)!;
  for (const key of [secret, newSecret]) {
    new Verifier(key).verify(replayed.body, replayed.headers as Record<string, string>);
  }

  // Edited: turned off, and the list says so. An address refused keeps its message beside it.
  const settings = page.getByRole("form", { name: "Subscription settings" });
  await settings.getByLabel("URL").fill("ftp://example.test/x");
  await settings.getByRole("button", { name: "Save changes" }).click();
  await expect(settings.getByLabel("URL")).toHaveAccessibleDescription(
    "URL must use http or https.",
  );
  await settings.getByLabel("URL").fill(receiver.url);
  await settings.getByRole("checkbox", { name: /Active/ }).uncheck();
  await settings.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Deliveries are off." })).toBeVisible();
  await expect(page.getByTestId("webhook-facts")).toContainText("Off");

  // Deleted after confirming: gone from the list.
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete subscription" }).click();
  await expect(page.getByText("Tick the box to confirm.")).toBeVisible();
  await page.getByRole("checkbox", { name: /Yes, delete it/ }).check();
  await page.getByRole("button", { name: "Delete subscription" }).click();
  await page.waitForURL("**/admin/webhooks?deleted=1");
  await expect(
    page.getByRole("status").filter({ hasText: "Deleted the subscription" }),
  ).toBeVisible();
  await expect(page.locator(`tr[data-webhook="${receiver.url}"]`)).toHaveCount(0);
  expect((await page.goto(detail))?.status()).toBe(404);
});
