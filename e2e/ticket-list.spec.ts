import { expect, test, type Page } from "@playwright/test";
import { apiCommand, apiCreate, projected, type Created } from "./api";
import { markDocument, pressOnceInteractive, ticketRow, waitForLiveList } from "./helpers";

// The agents' list: filters in the URL, saved views, keyboard, bulk changes with their
// consistency, and live updates. Every ticket here carries a run tag in its subject, so the
// list can be narrowed to this file's tickets in a database other spec files share.

const run = Date.now().toString(36);
const tag = `LST${run}`;

const rows = (page: Page) => page.getByRole("list", { name: "Tickets" }).locator("> li");

let alpha: Created; // open, urgent
let beta: Created; // triaged, high
let gamma: Created; // open, low, one note
let delta: Created; // closed

test.beforeAll(async ({ request }) => {
  alpha = await apiCreate(request, {
    subject: `${tag} alpha: VPN drops every hour`,
    message: "Since Monday the VPN disconnects every hour on the hour.",
    priority: "urgent",
    customerEmail: "alpha@acme.test",
  });
  beta = await apiCreate(request, {
    subject: `${tag} beta: invoice in the wrong currency`,
    message: "The March invoice shows USD.",
    priority: "high",
  });
  beta = await apiCommand(request, beta.ticketId, "status", { status: "triaged" });
  gamma = await apiCreate(request, {
    subject: `${tag} gamma: printer jams`,
    message: "Every second page jams.",
    priority: "low",
  });
  gamma = await apiCommand(request, gamma.ticketId, "notes", { body: "Ordered a new fuser." });
  delta = await apiCreate(request, {
    subject: `${tag} delta: password reset`,
    message: "Resolved by phone.",
  });
  delta = await apiCommand(request, delta.ticketId, "status", { status: "closed" });
  for (const t of [alpha, beta, gamma, delta]) await projected(request, t);
});

test.describe("ticket list", () => {
  test("filters by search, status, priority and notes; the URL keeps the view across a reload", async ({
    page,
  }) => {
    await page.goto("/tickets");
    await waitForLiveList(page);
    await page.getByLabel("Search tickets").fill(tag);
    await expect(page).toHaveURL(new RegExp(`q=${tag}`));
    await expect(rows(page)).toHaveCount(4);

    await page.getByLabel("Status").selectOption("triaged");
    await expect(page).toHaveURL(/status=triaged/);
    await expect(rows(page)).toHaveCount(1);
    await expect(ticketRow(page, beta.ticketId)).toBeVisible();

    // A reload (or a shared link) shows the same view.
    await page.reload();
    await expect(page.getByLabel("Status")).toHaveValue("triaged");
    await expect(page.getByLabel("Search tickets")).toHaveValue(tag);
    await expect(rows(page)).toHaveCount(1);
    await expect(ticketRow(page, beta.ticketId)).toContainText("triaged");

    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Priority").selectOption("urgent");
    await expect(page).toHaveURL(/priority=urgent/);
    await expect(page).not.toHaveURL(/status=/);
    await expect(rows(page)).toHaveCount(1);
    const a = ticketRow(page, alpha.ticketId);
    await expect(a).toContainText("urgent");
    await expect(a).toContainText("alpha@acme.test");
    await expect(a).toContainText("Unassigned");
    await expect(a.getByRole("link", { name: /alpha: VPN drops/ })).toHaveAttribute(
      "href",
      `/tickets/${alpha.ticketId}`,
    );
    // Exact times on hover.
    await expect(a.locator("time").first()).toHaveAttribute("title", /UTC$/);

    await page.getByLabel("Priority").selectOption("");
    await page.getByLabel("Notes").selectOption("true");
    await expect(page).toHaveURL(/hasNote=true/);
    await expect(rows(page)).toHaveCount(1);
    await expect(ticketRow(page, gamma.ticketId)).toContainText("1 note");

    // "Mine": none of these is assigned to the browser's agent.
    await page.getByLabel("Notes").selectOption("");
    await page.getByLabel("Assignee").selectOption("me");
    await expect(page).toHaveURL(/assignee=me/);
    await expect(page.getByText("No tickets match these filters.")).toBeVisible();
  });

  test("keeps parameters it does not own as removable chips, loads more by cursor, and explains invalid filters", async ({
    page,
  }) => {
    await page.goto(`/tickets?q=${tag}&limit=2`);
    await expect(rows(page)).toHaveCount(2);
    await waitForLiveList(page);
    await expect(page.getByText("limit: 2")).toBeVisible();

    // A filter change keeps the parameter it does not own. Each change is waited for in the
    // address before the next: the view before it shows two rows as well, and "Load more" must
    // act on the final view, not on one about to be replaced.
    await page.getByLabel("Notes").selectOption("false");
    await expect(page).toHaveURL(/hasNote=false/);
    await expect(page).toHaveURL(/limit=2/);
    await expect(rows(page)).toHaveCount(2);
    await page.getByLabel("Notes").selectOption("");
    await expect(page).not.toHaveURL(/hasNote/);

    await page.getByRole("button", { name: "Load more" }).click();
    await expect(rows(page)).toHaveCount(4);
    await expect(page.getByText("All matching tickets are shown.")).toBeVisible();

    await page.getByRole("button", { name: "Remove filter limit" }).click();
    await expect(page).not.toHaveURL(/limit=/);
    await expect(rows(page)).toHaveCount(4);
    await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

    await page.goto(`/tickets?q=${tag}&priority=bogus`);
    await expect(page.getByRole("alert").filter({ hasText: "cannot be applied" })).toContainText(
      "Priority must be one of",
    );
    await expect(page.getByRole("list", { name: "Tickets" })).toHaveCount(0);
  });

  test("saves the current filters as a named view and picks it from the menu", async ({ page }) => {
    await page.goto(`/tickets?q=${tag}&status=triaged`);
    await waitForLiveList(page);
    await page.getByRole("button", { name: /Saved views/ }).click();
    await page.getByRole("button", { name: "Save view" }).click();
    await expect(page.locator("#name-error")).toHaveText("Name is required.");
    await expect(page.getByLabel("Save the current filters as")).toHaveAttribute(
      "aria-invalid",
      "true",
    );

    const name = `Triaged ${run}`;
    await page.getByLabel("Save the current filters as").fill(name);
    await page.getByRole("button", { name: "Save view" }).click();
    await expect(page.getByText(`Saved view “${name}”.`)).toBeVisible();

    await page.goto("/tickets");
    await waitForLiveList(page);
    await page.getByRole("button", { name: /Saved views/ }).click();
    await page.getByRole("link", { name }).click();
    await expect(page).toHaveURL(/status=triaged/);
    await expect(page).toHaveURL(new RegExp(`q=${tag}`));
    await expect(rows(page)).toHaveCount(1);
    await expect(ticketRow(page, beta.ticketId)).toBeVisible();

    await page.getByRole("button", { name: /Saved views/ }).click();
    await page.getByRole("button", { name: `Delete view ${name}` }).click();
    await expect(page.getByRole("link", { name })).toHaveCount(0);
  });

  test("keyboard: j/k select, Enter opens, / searches, c creates, ? lists the shortcuts", async ({
    page,
  }) => {
    await page.goto(`/tickets?q=${tag}`);
    await expect(rows(page)).toHaveCount(4);
    const first = rows(page).nth(0);
    const second = rows(page).nth(1);

    // Once the list is live its shortcuts are attached, so "j" is pressed once: pressing it
    // again until the first row shows selected could select the second.
    await waitForLiveList(page);
    await page.keyboard.press("j");
    await expect(first).toHaveAttribute("data-selected", "true");
    await page.keyboard.press("j");
    await expect(second).toHaveAttribute("data-selected", "true");
    await expect(first).not.toHaveAttribute("data-selected", "true");
    await expect(second.getByRole("link")).toBeFocused();
    await page.keyboard.press("k");
    await expect(first).toHaveAttribute("data-selected", "true");

    // "/" focuses the search, Esc leaves it.
    await page.keyboard.press("/");
    await expect(page.getByLabel("Search tickets")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByLabel("Search tickets")).not.toBeFocused();
    // Leaving the box keeps the search (Chromium empties a search field on Esc by default).
    await expect(page.getByLabel("Search tickets")).toHaveValue(tag);

    // "c" goes to the create form; typing there types, it does not trigger shortcuts.
    const subject = page.getByLabel("Subject", { exact: true });
    await page.keyboard.press("c");
    await expect(subject).toBeFocused();
    await page.keyboard.type("jk?c");
    await expect(subject).toHaveValue("jk?c");
    await expect(first).toHaveAttribute("data-selected", "true");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await subject.fill("");
    await subject.blur();

    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Open the selected ticket");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    const id = await first.getAttribute("data-ticket-id");
    // Right after the dialog closes the list may not have seen it close yet: "k" must land.
    await pressOnceInteractive(page, "k", () =>
      expect(first.getByRole("link")).toBeFocused({ timeout: 500 }),
    );
    await expect(first).toHaveAttribute("data-selected", "true");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/tickets/${id}$`));
  });

  test("a search typed and left at once does not take the agent back from the ticket they open", async ({
    page,
  }) => {
    await page.goto(`/tickets?q=${tag}`);
    await expect(rows(page)).toHaveCount(4);
    await waitForLiveList(page);
    const search = `${tag} delta`;
    // The ticket page is held until the list's new search has gone out, as on a busy server: a
    // search still waiting for the typing to pause would go out after the ticket was opened,
    // and the newer navigation wins.
    let searchSent = () => {};
    const sent = new Promise<void>((resolve) => (searchSent = resolve));
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === "/tickets" && url.searchParams.get("q") === search) searchSent();
    });
    await page.route(
      (url) => url.pathname === `/tickets/${delta.ticketId}`,
      async (route) => {
        if (!route.request().headers()["next-router-prefetch"]) await sent;
        await route.continue();
      },
    );

    await page.getByLabel("Search tickets").fill(search);
    await ticketRow(page, delta.ticketId).getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/tickets/${delta.ticketId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("delta: password reset");
  });

  test("a bulk change on ten tickets, one closed: nine applied, one rejected with its reason, each seen syncing then up to date", async ({
    page,
    request,
  }) => {
    test.setTimeout(150_000);
    const bulkTag = `BLK${run}`;
    const created: Created[] = [];
    for (let i = 0; i < 10; i++) {
      created.push(
        await apiCreate(request, { subject: `${bulkTag} ${i}`, message: `Bulk ticket ${i}.` }),
      );
    }
    const closed = await apiCommand(request, created[4]!.ticketId, "status", { status: "closed" });
    created[4] = closed;
    for (const t of created) await projected(request, t);

    await page.goto(`/tickets?q=${bulkTag}`);
    await expect(rows(page)).toHaveCount(10);
    await waitForLiveList(page);
    await page.getByLabel("Select all 10 tickets shown").check();
    await expect(page.getByRole("heading", { name: "Change 10 selected tickets" })).toBeVisible();
    await page.getByLabel("Change", { exact: true }).selectOption("status");
    await page.getByLabel("New status").selectOption("triaged");
    await page.getByRole("button", { name: "Apply to 10 tickets" }).click();

    const summary = page.getByTestId("bulk-summary");
    await expect(summary).toContainText("9 saved");
    await expect(summary).toContainText("1 rejected");
    await expect(summary).toHaveAttribute("data-sync-state", "syncing");
    await expect(summary).toContainText(/[1-9] syncing/);
    // The rows still show the old status, and say so.
    await expect(page.locator('li[data-sync="updating"]').first()).toContainText(
      "Updating to version 2",
    );

    const rejected = page.locator(`li[data-result-for="${closed.ticketId}"]`);
    await expect(rejected).toHaveAttribute("data-outcome", "rejected");
    await expect(rejected).toContainText("Rejected:");
    await expect(rejected).toContainText("closed tickets are never reopened");

    await expect(summary).toHaveAttribute("data-sync-state", "up-to-date", { timeout: 60_000 });
    await expect(summary).toHaveText("9 saved · 0 syncing · 9 up to date · 1 rejected");
    await expect(
      page.locator('[data-outcome="applied"][data-sync-state="up-to-date"]'),
    ).toHaveCount(9);
    await expect(page.locator('[data-outcome="applied"]').first()).toContainText(
      /Up to date \(projected \d+ ms after saving\)/,
    );
    // Every applied row reaches the written version in the list and is marked current.
    for (const [i, t] of created.entries()) {
      if (i === 4) continue;
      const r = ticketRow(page, t.ticketId);
      await expect(r).toHaveAttribute("data-version", "2", { timeout: 15_000 });
      await expect(r).toHaveAttribute("data-sync", "current");
      await expect(r).toContainText("triaged");
    }
    await expect(page.locator('li[data-sync="updating"]')).toHaveCount(0);
    await expect(ticketRow(page, closed.ticketId)).toContainText("closed");
  });

  test("a change made through the API appears in the list without a reload", async ({
    page,
    request,
  }) => {
    await page.goto(`/tickets?q=${tag}`);
    const a = ticketRow(page, alpha.ticketId);
    await expect(a).toContainText("Unassigned");
    const sameDocument = await markDocument(page);
    await waitForLiveList(page);
    await apiCommand(request, alpha.ticketId, "assignee", { assignee: "Mateo García" });
    await expect(a).toContainText("Assigned to Mateo García", { timeout: 10_000 });
    expect(await sameDocument()).toBe(true);

    await page.screenshot({
      path: "test-results/screenshots/list-after-live-update.png",
      fullPage: true,
    });
  });
});
