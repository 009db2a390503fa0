import { expect, test, type Browser, type Page } from "@playwright/test";
import { bearer, STORAGE_STATE } from "./accounts";
import { apiCommand, apiCreate, projected } from "./api";
import {
  expectClosedRules,
  expectWriteSynced,
  pressOnceInteractive,
  sync,
  tabToAndPress,
  todayUtc,
  waitForLiveList,
} from "./helpers";

// The agent's whole journey across pages, by mouse and by keyboard alone: find the ticket in
// the list, work it on its page until it is closed, and see the list and the lead's dashboard
// reflect it.

async function seedTickets(page: Page, tag: string) {
  const request = page.request;
  const target = await apiCreate(
    request,
    {
      subject: `${tag} refund for a double charge`,
      message: "I was charged twice for the March invoice. Please refund one of the payments.",
      customerEmail: "erin@globex.test",
    },
    bearer("write"),
  );
  // Same words, other status: the status filter must leave it out.
  const other = await apiCreate(
    request,
    { subject: `${tag} refund already handled`, message: "Duplicate of an older ticket." },
    bearer("write"),
  );
  const triaged = await apiCommand(
    request,
    other.ticketId,
    "status",
    { status: "triaged" },
    bearer("write"),
  );
  await projected(request, target);
  await projected(request, triaged);
  return target;
}

/** The lead's dashboard: the "closed" number links to a list that has the ticket. */
async function dashboardShowsClosed(browser: Browser, subject: string) {
  const lead = await browser.newContext({ storageState: STORAGE_STATE.lead });
  const page = await lead.newPage();
  await page.goto("/dashboard");
  await expect(page.getByTestId("freshness")).toBeVisible();
  // Closed today, per day: in the table under the chart.
  const today = todayUtc();
  await expect(page.locator(`[data-metric="perDay.${today}.closed"]`)).toHaveAttribute(
    "href",
    `/tickets?status=closed&closedFrom=${today}&closedTo=${today}`,
  );
  const closed = page.locator('[data-metric="byStatus.closed"]');
  await expect(closed).toHaveAttribute("href", "/tickets?status=closed");
  await closed.click();
  await expect(page.getByRole("heading", { name: "Tickets", level: 1 })).toBeVisible();
  await expect(page.locator("[data-ticket-id]").filter({ hasText: subject })).toHaveCount(1);
  await lead.close();
}

async function expectListRowReflects(page: Page, tag: string, subject: string) {
  await page.goto(`/tickets?q=${encodeURIComponent(tag)}&status=closed`);
  const row = page.locator("[data-ticket-id]").filter({ hasText: subject });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("closed");
  await expect(row).toContainText("Aisha Khan");
  await expect(row).toContainText("1 note");
}

test.describe("agent journey", () => {
  test("filter, search, open, triage, assign to me, note, close; refused reopen; list and dashboard follow", async ({
    page,
    browser,
  }) => {
    const tag = `AJ${Date.now().toString(36)}`;
    const target = await seedTickets(page, tag);
    const subject = `${tag} refund for a double charge`;

    await page.goto("/tickets");
    await waitForLiveList(page);
    await page.getByLabel("Status").selectOption("open");
    await page.getByLabel("Search tickets").fill(tag);
    await expect(page).toHaveURL(/status=open/);
    const rows = page.locator("[data-ticket-id]");
    await expect(rows).toHaveCount(1);
    await rows.first().getByRole("link", { name: subject }).click();
    await expect(page).toHaveURL(new RegExp(`/tickets/${target.ticketId}$`));
    await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();

    const step = async (form: string, version: number, act: () => Promise<void>) => {
      await act();
      await expectWriteSynced(page.getByTestId(form), version, { syncing: true });
      await expect(sync(page.getByTestId(form))).toContainText(/projected \d+ ms after saving/);
    };
    await step("status-form", 2, () =>
      page.getByTestId("status-form").getByRole("button", { name: "Triaged", exact: true }).click(),
    );
    await step("assign-form", 3, () => page.getByRole("button", { name: "Assign to me" }).click());
    await step("composer", 4, async () => {
      await page.getByRole("button", { name: /Internal note/ }).click();
      await page.getByRole("textbox", { name: "Note" }).fill("Refund of the second charge issued.");
      await page.getByRole("button", { name: "Add note" }).click();
    });
    await step("status-form", 5, () =>
      page.getByTestId("status-form").getByRole("button", { name: "Closed", exact: true }).click(),
    );
    await expect(page.getByTestId("fact-assignee")).toHaveText("Aisha Khan");

    // Reopening: the page says why before anyone tries, and the API refuses it too.
    await expectClosedRules(page);
    const reopen = await page.request.post(`/api/tickets/${target.ticketId}/status`, {
      data: { status: "open" },
    });
    expect(reopen.status()).toBe(409);
    expect(((await reopen.json()) as { detail: string }).detail).toContain("cannot be moved");

    await expectListRowReflects(page, tag, subject);
    await dashboardShowsClosed(browser, subject);
  });

  test("the same journey with the keyboard only", async ({ page, browser }) => {
    const tag = `AK${Date.now().toString(36)}`;
    const target = await seedTickets(page, tag);
    const subject = `${tag} refund for a double charge`;

    await page.goto("/tickets?status=open");
    // "/" jumps to the search (once the page is interactive); typing filters; Escape leaves.
    await pressOnceInteractive(page, "/", () =>
      expect(page.getByLabel("Search tickets")).toBeFocused({ timeout: 500 }),
    );
    await page.keyboard.type(tag);
    await expect(page).toHaveURL(new RegExp(`q=${tag}`));
    await expect(page.locator("[data-ticket-id]")).toHaveCount(1);
    await page.keyboard.press("Escape");
    // "j" selects the first row, Enter opens it.
    const row = page.locator("[data-ticket-id]").first();
    await pressOnceInteractive(page, "j", () =>
      expect(row).toHaveAttribute("data-selected", "true", { timeout: 500 }),
    );
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/tickets/${target.ticketId}$`));
    await expect(page.locator("[data-ticket-version]")).toHaveAttribute("data-ticket-version", "1");

    const synced = (form: string, version: number) =>
      expectWriteSynced(page.getByTestId(form), version, { syncing: false });
    await tabToAndPress(page, "Triaged", "Enter");
    await synced("status-form", 2);
    await tabToAndPress(page, "Assign to me", "Space");
    await synced("assign-form", 3);
    // `n` picks an internal note and focuses it; Ctrl+Enter sends.
    await page.keyboard.press("n");
    await expect(page.getByRole("textbox", { name: "Note" })).toBeFocused();
    await page.keyboard.type("Refund of the second charge issued.");
    await page.keyboard.press("Control+Enter");
    await synced("composer", 4);
    await tabToAndPress(page, "Closed", "Enter");
    await synced("status-form", 5);
    await expectClosedRules(page);

    // Back to the list by keyboard.
    await tabToAndPress(page, "← Back to tickets", "Enter", true);
    await expect(page.getByRole("heading", { name: "Tickets", level: 1 })).toBeVisible();
    await expectListRowReflects(page, tag, subject);
    await dashboardShowsClosed(browser, subject);
  });
});
