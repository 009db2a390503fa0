import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { bearer, STORAGE_STATE } from "./accounts";
import { expectWriteSynced, markDocument, ticketRow, waitForLiveList } from "./helpers";

// The agent's inbox: customers write through the API (an email gateway), and the list and the
// ticket page follow without a reload; replies, search over the whole conversation, bulk tags.

const run = Date.now().toString(36);
const rows = (page: Page) => page.getByRole("list", { name: "Tickets" }).locator("> li");

async function post(request: APIRequestContext, path: string, data: object, status = 200) {
  const response = await request.post(path, { data, headers: bearer("write") });
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as { ticketId: string; version: number };
}

test.use({ storageState: STORAGE_STATE.agent });

test("a customer's message through the API shows on the open page and in the list as awaiting a reply, without a reload; a reply clears it and is found by search", async ({
  page,
  request,
}) => {
  const subject = `INB${run} Export stuck`;
  const replyWord = `zq${run}`;
  const { ticketId } = await post(
    request,
    "/api/tickets",
    {
      subject,
      message: "The CSV export has been spinning for an hour.",
      customer: { email: `lena.${run}@example.test`, name: "Lena Vogel" },
    },
    201,
  );

  // Given the new ticket in the list: the customer wrote last, so it awaits a reply.
  await page.goto(`/tickets?q=INB${run}`);
  const row = ticketRow(page, ticketId);
  await expect(row.getByTestId("awaiting-reply")).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText("Lena Vogel");

  // When the agent answers from the ticket page, with a word nobody else uses.
  await row.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const reply = page.getByRole("textbox", { name: "Reply" });
  await reply.fill(`Hi Lena, restarting the ${replyWord} worker now.`);
  await reply.press("Control+Enter");
  const composer = page.getByTestId("composer");
  await expectWriteSynced(composer, 2, { syncing: false });

  // Then the list no longer shows it awaiting a reply, and a search for that word finds it.
  await page.goto(`/tickets?q=${replyWord}`);
  await expect(rows(page)).toHaveCount(1);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("awaiting-reply")).toHaveCount(0);
  await waitForLiveList(page);

  // When the customer writes back through the API while the list is open (changes pushed over
  // the event stream: with it connected the list polls only every 30 s, so what arrives within
  // 10 s was pushed),
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-live", "pushed");
  const sameList = await markDocument(page);
  await post(request, `/api/tickets/${ticketId}/messages`, { body: "Still spinning, sorry." });
  // then the row says so without a reload.
  await expect(row.getByTestId("awaiting-reply")).toBeVisible({ timeout: 10_000 });
  expect(await sameList()).toBe(true);

  // And on the open ticket page, the next message arrives in the thread without a reload.
  await row.getByRole("link", { name: subject }).click();
  const conversation = page.getByTestId("conversation");
  await expect(conversation.locator('[data-kind="customer"]')).toHaveCount(2);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-live", "pushed");
  const samePage = await markDocument(page);
  await post(request, `/api/tickets/${ticketId}/messages`, { body: "Now it says 'failed'." });
  await expect(conversation.locator('[data-kind="customer"]')).toHaveCount(3, { timeout: 10_000 });
  await expect(conversation.locator('[data-kind="customer"]').last()).toContainText(
    "Now it says 'failed'.",
  );
  expect(await samePage()).toBe(true);
});

test("an agent tags two tickets in bulk, then filters the list by that tag", async ({
  page,
  request,
}) => {
  const word = `TAG${run}`;
  const tag = `batch-${run}`;
  const ids: string[] = [];
  for (const n of [1, 2]) {
    ids.push(
      (
        await post(
          request,
          "/api/tickets",
          { subject: `${word} printer ${n}`, message: "Paper jam." },
          201,
        )
      ).ticketId,
    );
  }

  await page.goto(`/tickets?q=${word}`);
  await expect(rows(page)).toHaveCount(2, { timeout: 15_000 });
  await waitForLiveList(page);
  await page.getByLabel("Select all 2 tickets shown").check();
  await page.getByLabel("Change", { exact: true }).selectOption("tags");
  await page.getByLabel("Add tags (space or comma between)").fill(`${tag}, Printers`);
  await page.getByRole("button", { name: "Apply to 2 tickets" }).click();

  const summary = page.getByTestId("bulk-summary");
  await expect(summary).toContainText("2 saved");
  await expect(summary).toHaveAttribute("data-sync-state", "up-to-date", { timeout: 30_000 });
  for (const id of ids) {
    await expect(ticketRow(page, id).getByRole("list", { name: "Tags" })).toContainText(tag);
  }

  // Following a tag on a row lists exactly the tickets that carry it.
  await ticketRow(page, ids[0]!)
    .getByRole("link", { name: `Tickets tagged ${tag}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/tickets\\?tag=${tag}$`));
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Remove filter tag" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/list-tags-light.png", fullPage: true });
});
