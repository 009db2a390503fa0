import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { apiCommand, apiCreate } from "./api";
import { markDocument, todayUtc } from "./helpers";

/** The subjects of every ticket the list API returns for a dashboard link's filter. */
async function listed(request: APIRequestContext, href: string): Promise<string[]> {
  const url = new URL(href, "http://desk.test");
  expect(url.pathname).toBe("/tickets");
  const subjects: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const params = new URLSearchParams(url.searchParams);
    params.set("limit", "100");
    if (cursor) params.set("cursor", cursor);
    const res = await request.get(`/api/tickets?${params}`);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as { items: { subject: string }[]; nextCursor: string | null };
    subjects.push(...page.items.map((t) => t.subject));
    cursor = page.nextCursor;
    if (!cursor) return subjects;
  }
}

const metric = (page: Page, name: string) => page.locator(`[data-metric="${name}"]`).first();
/** The number a metric shows. */
const metricValue = (page: Page, name: string) => metric(page, name).locator("[data-value]");
const valueOf = async (page: Page, name: string) =>
  Number(await metricValue(page, name).textContent());

const urgentTicket = (subject: string) => ({
  subject,
  message: `${subject}: created by the dashboard test.`,
  priority: "urgent",
});

async function upToDate(page: Page) {
  const freshness = page.getByTestId("freshness");
  await expect(freshness).toHaveAttribute("data-state", "current", { timeout: 20_000 });
  await expect(freshness).toHaveText("Up to date");
  await expect(page.getByTestId("numbers")).toHaveAttribute("aria-busy", "false");
}

test.describe("dashboard", () => {
  // The dashboard is for leads.
  test.use({ storageState: STORAGE_STATE.lead });

  test("a lead follows a number to exactly its tickets, and sees changes arrive without reloading", async ({
    page,
    request,
  }) => {
    const tag = Date.now().toString(36);
    const first = `Dashboard urgent ${tag}`;
    await apiCreate(request, urgentTicket(first));

    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await upToDate(page);
    await expect(page.getByTestId("as-of")).toContainText(/As of \d\d:\d\d:\d\d UTC/);
    await expect(page.getByTestId("projector-health")).toContainText(
      /[1-9]\d* process(es)? running/,
    );

    // Each number's link selects exactly the tickets it counts.
    const urgent = metric(page, "byPriority.urgent");
    const href = "/tickets?status=open,triaged&priority=urgent";
    await expect(urgent).toHaveAttribute("href", href);
    const urgentCount = await valueOf(page, "byPriority.urgent");
    const urgentSubjects = await listed(request, href);
    expect(urgentSubjects).toHaveLength(urgentCount);
    expect(urgentSubjects).toContain(first);
    const today = todayUtc();
    const createdToday = metric(page, `perDay.${today}.created`);
    await expect(createdToday).toHaveAttribute(
      "href",
      `/tickets?createdFrom=${today}&createdTo=${today}`,
    );
    const createdTodaySubjects = await listed(
      request,
      (await createdToday.getAttribute("href")) ?? "",
    );
    expect(createdTodaySubjects).toHaveLength(await valueOf(page, `perDay.${today}.created`));
    expect(createdTodaySubjects).toContain(first);

    // Following it opens the list at that filter, showing exactly those tickets.
    await urgent.click();
    await expect(page).toHaveURL(href);
    await expect(page.getByRole("heading", { name: "Tickets", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Priority")).toHaveValue("urgent");
    const rows = page.locator("[data-ticket-id]");
    await expect(rows.filter({ hasText: first })).toHaveCount(1);
    if (urgentCount <= 25) await expect(rows).toHaveCount(urgentCount);
    await page.goBack();
    await upToDate(page);

    // A change made elsewhere arrives on its own: marked as updating, then up to date.
    const sameDocument = await markDocument(page);
    const before = {
      total: await valueOf(page, "total"),
      open: await valueOf(page, "byStatus.open"),
      closed: await valueOf(page, "byStatus.closed"),
      urgent: await valueOf(page, "byPriority.urgent"),
    };
    const { ticketId: second } = await apiCreate(request, urgentTicket(`Dashboard live ${tag}`));
    const freshness = page.getByTestId("freshness");
    await expect(freshness).toHaveAttribute("data-state", "updating");
    await expect(freshness).toHaveText(/^Updating — \d+ changes? still syncing$/);
    await expect(page.getByTestId("numbers")).toHaveAttribute("aria-busy", "true");
    await page.screenshot({ path: "test-results/screenshots/dashboard-updating.png" });
    await upToDate(page);
    await expect(metricValue(page, "total")).toHaveText(String(before.total + 1));
    await expect(metricValue(page, "byStatus.open")).toHaveText(String(before.open + 1));
    await expect(metricValue(page, "byPriority.urgent")).toHaveText(String(before.urgent + 1));

    await apiCommand(request, second, "status", { status: "closed" });
    await expect(freshness).toHaveAttribute("data-state", "updating");
    await upToDate(page);
    await expect(metricValue(page, "byStatus.closed")).toHaveText(String(before.closed + 1));
    await expect(metricValue(page, "byPriority.urgent")).toHaveText(String(before.urgent));
    expect(
      await listed(request, `/tickets?status=closed&closedFrom=${today}&closedTo=${today}`),
    ).toContain(`Dashboard live ${tag}`);
    expect(await sameDocument()).toBe(true);

    await page.screenshot({ path: "test-results/screenshots/dashboard-light.png", fullPage: true });
  });

  test("fits a 390 px wide phone without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/dashboard");
    await upToDate(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({
      path: "test-results/screenshots/dashboard-mobile.png",
      fullPage: true,
    });
  });
});
