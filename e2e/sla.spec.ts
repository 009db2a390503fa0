import { expect, test, type Page } from "@playwright/test";
import { bearer, STORAGE_STATE } from "./accounts";
import { apiCreate, type Created } from "./api";
import { expectWriteSynced, markDocument, ticketRow, expectAccessible } from "./helpers";

// A lead promises urgent tickets a first response, in the browser, and watches the promise on
// the desk: the due badges count down, a shorter target moves them once its recompute is done,
// a reply meets it, and a ticket nobody answers turns amber, then red, by itself, with the breach
// in its timeline. The e2e app runs one SLA "minute" in a second (SLA_MINUTE_MS=1000), so a
// 40-minute target passes in 40 s. Only urgent tickets of one customer made here are watched;
// afterAll puts the policy back to no targets for the specs that share the app.

test.use({ storageState: STORAGE_STATE.lead });

const run = Date.now().toString(36);
const customer = `sla.${run}@example.test`;
const listUrl = `/tickets?customer=${encodeURIComponent(customer)}`;

let answered: Created;
let leftAlone: Created;

test.afterAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: bearer("write") });
  const reset = await api.put("/api/sla", {
    data: { calendar: { alwaysOpen: true }, targets: {} },
  });
  expect(reset.status(), await reset.text()).toBe(200);
  const { version } = (await reset.json()) as { version: number };
  // Clocks of the old versions are gone (and fire nothing) once the recompute is done.
  await expect
    .poll(
      async () => {
        const body = (await (await api.get("/api/sla")).json()) as {
          recompute: { policyVersion: number; finishedAt: string | null } | null;
        };
        return body.recompute?.policyVersion === version && body.recompute.finishedAt !== null;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await api.dispose();
});

/** No serious or critical accessibility violations on the page as it is. */

/**
 * Saves a 24/7 policy whose only target is urgent tickets' first response, and waits through
 * the recompute it starts: the status says so until every clock uses the new version.
 */
async function saveUrgentFirstResponse(page: Page, minutes: number): Promise<number> {
  await page.goto("/admin/sla");
  const form = page.getByRole("form", { name: "SLA policy" });
  await form.getByRole("radio", { name: "Always (24/7)" }).check();
  await form.getByLabel("Urgent: first response, minutes").fill(String(minutes));
  await form.getByRole("button", { name: "Save policy" }).click();
  const status = page.getByTestId("sla-recompute");
  await expect(status).toHaveAttribute("data-state", "recomputing");
  await expect(status).toContainText(/^Saved as version \d+ · Recomputing clocks… \(/);
  const version = Number(/version (\d+)/.exec((await status.textContent()) ?? "")?.[1]);
  await expect(status).toHaveText(
    `Saved as version ${version} · Up to date: clocks use version ${version}`,
    { timeout: 30_000 },
  );
  await expect(page.getByTestId("sla-history").locator("li").first()).toContainText(
    `Version ${version}Saved`,
  );
  await expect(page.getByTestId("sla-history").locator("li").first()).toContainText(
    `urgent ${minutes}/–/–`,
  );
  return version;
}

/** At phone width, the page as it is does not scroll sideways. */
async function expectFitsPhone(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
  if (size) await page.setViewportSize(size);
}

/** Seconds left on a running badge ("Due in 9m 58s", "At risk: due in 7s"). */
function secondsLeft(text: string): number {
  const match = /due in (?:(\d+)m )?(\d+)s/i.exec(text);
  if (!match) throw new Error(`not a countdown: ${text}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2]);
}

test("refused policies are explained beside their fields, and nothing is saved", async ({
  page,
}) => {
  await page.goto("/tickets");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "SLA policy" })
    .click();
  await expect(page.getByRole("heading", { name: "SLA policy", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "SLA policy" });
  const before = await page.getByTestId("sla-current").textContent();

  await form.getByRole("radio", { name: "Working hours in a time zone" }).check();
  // Monday to Friday 09:00–17:00 is offered; Tuesday gets a second interval that ends too early.
  await expect(form.getByLabel("Monday, interval 1: from")).toHaveValue("09:00");
  await form.getByRole("button", { name: "Add interval on Tuesday" }).click();
  await form.getByLabel("Tuesday, interval 2: from").fill("18:00");
  await form.getByLabel("Tuesday, interval 2: until").fill("12:00");
  // A night shift: Sunday until midnight (24:00), Monday from 00:00.
  await form.getByRole("button", { name: "Add interval on Sunday" }).click();
  await form.getByLabel("Sunday, interval 1: from").fill("22:00");
  await form.getByLabel("Sunday, interval 1: until").fill("24:00");
  await form.getByLabel("Time zone", { exact: true }).fill("Mars/Olympus_Mons");
  await form.getByRole("button", { name: "Add a holiday" }).click();
  await form.getByLabel("Holiday 1", { exact: true }).fill("2026-12-25");
  await form.getByLabel("Urgent: first response, minutes").fill("-5");
  await form.getByRole("button", { name: "Save policy" }).click();

  await expect(form.getByLabel("Tuesday, interval 2: until")).toHaveAccessibleDescription(
    "An interval must end after it starts (18:00–12:00)",
  );
  await expect(form.getByLabel("Tuesday, interval 2: until")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(form.getByLabel("Time zone", { exact: true })).toHaveAccessibleDescription(
    /Unknown time zone "Mars\/Olympus_Mons"/,
  );
  await expect(form.getByLabel("Urgent: first response, minutes")).toHaveAccessibleDescription(
    "First response must be at least 1 minute, or none.",
  );
  // The night shift and the holiday were fine, and everything typed is still there.
  await expect(form.getByLabel("Sunday, interval 1: until")).not.toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(form.getByLabel("Holiday 1", { exact: true })).toHaveValue("2026-12-25");
  await expect(page.getByTestId("sla-save-error")).toHaveText(
    "Please correct the highlighted fields.",
  );
  await expect(page.getByTestId("sla-current")).toHaveText(before ?? "");
  await expectAccessible(page, "SLA policy with errors");

  // A holiday calendar file is read by the server; its dates join the list, unsaved.
  await form.getByRole("button", { name: "Import holidays" }).click();
  await expect(page.getByLabel("Import from an iCalendar file (.ics)")).toHaveAccessibleDescription(
    "Choose an iCalendar file (.ics) to import.",
  );
  await page.getByLabel("Import from an iCalendar file (.ics)").setInputFiles({
    name: "holidays.ics",
    mimeType: "text/calendar",
    buffer: Buffer.from(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//e2e//holidays//EN",
        "BEGIN:VEVENT",
        "UID:xmas@e2e",
        "DTSTART;VALUE=DATE:20261225",
        "DTEND;VALUE=DATE:20261227",
        "SUMMARY:Christmas",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:ny@e2e",
        "DTSTART;VALUE=DATE:20270101",
        "SUMMARY:New Year",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    ),
  });
  await form.getByRole("button", { name: "Import holidays" }).click();
  await expect(page.getByTestId("holiday-import")).toHaveText(
    "Found 3 dates in holidays.ics. Added 2 (1 already listed). Save the policy to keep them.",
  );
  await expect(form.getByLabel("Holiday 2", { exact: true })).toHaveValue("2026-12-26");
  await expect(form.getByLabel("Holiday 3", { exact: true })).toHaveValue("2027-01-01");
  await form.getByRole("button", { name: "Remove holiday 2027-01-01" }).click();
  await expect(form.getByLabel("Holiday 3", { exact: true })).toHaveCount(0);
});

test("an urgent ticket's badge counts down, follows a shorter target, is met by a reply, and one left alone turns red by itself", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(150_000);
  await saveUrgentFirstResponse(page, 600);
  await page.screenshot({ path: "test-results/screenshots/sla-admin-light.png", fullPage: true });
  await expectAccessible(page, "SLA policy");

  const ticket = (subject: string) =>
    apiCreate(request, {
      subject: `Sla${run} ${subject}`,
      message: "The card terminal in our shop declines every payment since this morning.",
      priority: "urgent",
      customerEmail: customer,
    });
  answered = await ticket("Terminal declines cards (answered)");
  leftAlone = await ticket("Terminal declines cards (left alone)");

  // Ten minutes to answer each, counting down by the second.
  await page.goto(listUrl);
  const badgeA = ticketRow(page, answered.ticketId).getByTestId("sla-badge");
  const badgeB = ticketRow(page, leftAlone.ticketId).getByTestId("sla-badge");
  await expect(badgeA).toHaveText(/^Due in 9m \d\ds$/);
  await expect(badgeB).toHaveAttribute("data-sla-state", "running");
  const first = secondsLeft((await badgeA.textContent()) ?? "");
  await expect
    .poll(async () => secondsLeft((await badgeA.textContent()) ?? ""))
    .toBeLessThan(first);
  const dueBefore = Date.parse((await badgeA.getAttribute("data-due-at")) ?? "");

  // Due soonest: the one made first is due first.
  await page.getByLabel("Order").selectOption({ label: "Due soonest" });
  await expect(page).toHaveURL(/sort=sla_due/);
  const rows = page.getByRole("list", { name: "Tickets" }).locator("li[data-ticket-id]");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute("data-ticket-id", answered.ticketId);
  const dueSoonest = page.url();

  // The lead shortens the target to 40 minutes; once the clocks are recomputed the badges follow.
  const version = await saveUrgentFirstResponse(page, 40);
  await page.goto(dueSoonest);
  await expect(page.getByTestId("sla-policy-note")).toHaveText(
    `Due times follow SLA policy version ${version}.`,
  );
  const dueAfter = Date.parse((await badgeA.getAttribute("data-due-at")) ?? "");
  expect(dueBefore - dueAfter).toBe(560 * 1000);
  await expect(badgeA).toHaveText(/^(At risk: due|Due) in \d+s$/);
  const unreloaded = await markDocument(page);

  // The agent's reply (here the lead's) meets the first-response target.
  const ticketPage = await context.newPage();
  await ticketPage.goto(`/tickets/${answered.ticketId}`);
  const clock = ticketPage.getByTestId("sla-clocks").locator('[data-sla-target="firstResponse"]');
  await expect(clock).toContainText("First response (40 min)");
  await expect(clock).toContainText(/Due .* UTC · due in \d+s/);
  await expect(ticketPage.getByTestId("sla-version")).toHaveText(
    `Computed with policy version ${version}.`,
  );
  const composer = ticketPage.getByTestId("composer");
  await ticketPage
    .getByRole("textbox", { name: "Reply" })
    .fill("We are on it: a new terminal is on its way.");
  await composer.getByRole("button", { name: "Send reply" }).click();
  await expectWriteSynced(composer, answered.version + 1, { syncing: false });
  await expect(clock).toHaveAttribute("data-sla-state", "met");
  await expect(clock).toContainText(/^First response \(40 min\)Met .* UTC$/);
  await expectAccessible(ticketPage, "ticket with SLA clocks");
  await ticketPage
    .getByRole("complementary", { name: "Ticket properties" })
    .screenshot({ path: "test-results/screenshots/sla-ticket-light.png" });
  await ticketPage.close();

  // On the list, without a reload: met, and the unanswered one is due first now.
  await expect(badgeA).toHaveText("SLA met");
  await expect(badgeA).toHaveAttribute("data-sla-state", "met");
  await expect(rows.first()).toHaveAttribute("data-ticket-id", leftAlone.ticketId);

  // Nobody answers the other: amber at 80% of the target, red when it passes.
  await expect(badgeB).toHaveAttribute("data-sla-state", "at_risk", { timeout: 45_000 });
  await expect(badgeB).toHaveText(/^At risk: due in \d+s$/);
  await page.screenshot({ path: "test-results/screenshots/sla-list-light.png" });
  await expectAccessible(page, "list with SLA badges");
  await expect(badgeB).toHaveAttribute("data-sla-state", "breached", { timeout: 20_000 });
  await expect(badgeB).toHaveText(/^Breached: \d+s overdue$/);
  expect(await unreloaded()).toBe(true);

  // The SLA filter, kept in the address with the order.
  await page.getByLabel("SLA", { exact: true }).selectOption({ label: "Breached" });
  await expect(page).toHaveURL(/sla=breached/);
  await expect(page).toHaveURL(/sort=sla_due/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-ticket-id", leftAlone.ticketId);
  await page.getByLabel("SLA", { exact: true }).selectOption({ label: "Met" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-ticket-id", answered.ticketId);
  await expectFitsPhone(page, "the list with SLA badges");

  // The breach is on the ticket's timeline, recorded by the desk itself, after the warning.
  await page.goto(`/tickets/${leftAlone.ticketId}`);
  await page.getByText(/Timeline of changes/).click();
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("warned: 80% of the first response time is used");
  await expect(timeline).toContainText("recorded a breach: the first response target passed");
  await expect(
    page.getByTestId("sla-clocks").locator('[data-sla-target="firstResponse"]'),
  ).toHaveAttribute("data-sla-state", "breached");
  await expectFitsPhone(page, "the ticket page with SLA clocks");

  // The dashboard: the share of urgent first responses met, each number a link to exactly the
  // tickets it counts (the list and the API agree with it).
  await page.goto("/dashboard");
  const urgent = (what: string) =>
    page.locator(`[data-metric="sla.firstResponse.byPriority.urgent.${what}"]`);
  await expect(urgent("met").locator("[data-value]")).not.toHaveText("0");
  const counts = {
    met: Number(await urgent("met").locator("[data-value]").textContent()),
    breached: Number(await urgent("breached").locator("[data-value]").textContent()),
  };
  const percent = (100 * counts.met) / (counts.met + counts.breached);
  await expect(urgent("percentMet")).toContainText(
    `${(Math.floor(percent * 10) / 10).toLocaleString("en")}%`,
  );
  await expectAccessible(page, "dashboard with SLA figures");
  await expectFitsPhone(page, "the dashboard with SLA figures");
  // The whole page's picture, cut to the section: the freshness bar sticks to the top of the
  // window, and would cover a section scrolled into view.
  await page.evaluate(() => window.scrollTo(0, 0));
  const section = await page.getByRole("region", { name: /Service levels/ }).boundingBox();
  await page.screenshot({
    path: "test-results/screenshots/sla-dashboard-light.png",
    fullPage: true,
    clip: section!,
  });
  for (const [what, ours, theirs] of [
    ["met", answered, leftAlone],
    ["breached", leftAlone, answered],
  ] as const) {
    await page.goto("/dashboard");
    await urgent(what).click();
    await page.waitForURL(/\/tickets\?/);
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      slaTarget: "firstResponse",
      slaFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      slaTo: new Date().toISOString().slice(0, 10),
      priority: "urgent",
      sla: what,
    });
    await expect(ticketRow(page, ours.ticketId)).toBeVisible();
    await expect(ticketRow(page, theirs.ticketId)).toHaveCount(0);
    const listed = await request.get(`/api/tickets?${params.toString()}&limit=100`);
    const { items } = (await listed.json()) as { items: { ticketId: string }[] };
    expect(items, `${what}: the list has the dashboard's number`).toHaveLength(counts[what]);
  }
});
