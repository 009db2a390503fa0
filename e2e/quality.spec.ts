import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { apiCommand, apiCreate, projected } from "./api";

// Every page an agent or a lead uses, scanned for accessibility and photographed in both themes,
// on a desktop and at phone width. The screenshots land in test-results/screenshots/ (the ones
// in docs/ are copied from there).

const THEMES = ["light", "dark"] as const;
const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

// A lead, who can open every page.
test.use({ storageState: STORAGE_STATE.lead });

let ticketId = "";

test.beforeAll(async ({ request }) => {
  ({ ticketId } = await apiCreate(request, {
    subject: `Quality scan: invoices in the wrong currency ${Date.now()}`,
    message:
      "Our March invoices show amounts in USD although the account is set to EUR.\n\nCould you re-issue them?",
    customerEmail: "quality@acme.test",
    priority: "high",
  }));
  await apiCommand(request, ticketId, "notes", {
    body: "Checked the account settings: EUR since January.",
  });
  // A saved reply for its page to show (already there if this file runs a second time).
  const reply = await request.post("/api/saved-replies", {
    data: {
      name: "Invoice currency corrected",
      body: "Hi {{customer.name}},\n\nWe have re-issued your invoices in EUR.\n\n{{agent.name}}",
    },
  });
  expect([201, 409], await reply.text()).toContain(reply.status());
});

const pages: { name: string; path: () => string; ready: (page: Page) => Promise<void> }[] = [
  {
    name: "list",
    path: () => "/tickets",
    ready: (page) => expect(page.getByRole("heading", { name: "Tickets", level: 1 })).toBeVisible(),
  },
  {
    name: "ticket",
    path: () => `/tickets/${ticketId}`,
    ready: (page) =>
      expect(page.getByRole("heading", { level: 1 })).toContainText(
        "invoices in the wrong currency",
      ),
  },
  {
    name: "dashboard",
    path: () => "/dashboard",
    ready: async (page) => {
      await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
      // Scan the per-day table too, folded under the chart.
      await page.getByText("Show the numbers per day").click();
    },
  },
  {
    name: "people",
    path: () => "/admin/people",
    ready: (page) => expect(page.getByRole("heading", { name: "People", level: 1 })).toBeVisible(),
  },
  {
    name: "tokens",
    path: () => "/admin/tokens",
    ready: (page) =>
      expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible(),
  },
  {
    name: "saved-replies",
    path: () => "/admin/saved-replies",
    ready: (page) =>
      expect(page.getByRole("heading", { name: "Saved replies", level: 1 })).toBeVisible(),
  },
  {
    name: "webhooks",
    path: () => "/admin/webhooks",
    ready: (page) =>
      expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible(),
  },
  {
    name: "sla-policy",
    path: () => "/admin/sla",
    ready: async (page) => {
      await expect(page.getByRole("heading", { name: "SLA policy", level: 1 })).toBeVisible();
      // Scan the calendar's controls too: weekly hours, holidays, the import.
      await page.getByRole("radio", { name: "Working hours in a time zone" }).check();
    },
  },
  {
    // The list's SLA controls set: filtered by state, due soonest first.
    name: "list-sla",
    path: () => "/tickets?sla=at_risk&sort=sla_due",
    ready: (page) => expect(page.getByLabel("Order")).toHaveValue("sla_due"),
  },
  {
    name: "customers-list",
    path: () => "/customers?q=quality",
    // The customers read model is projected beside the ticket's: reload until it is there.
    ready: (page) =>
      expect(async () => {
        await page.reload();
        await expect(page.getByTestId("customer-list")).toContainText("quality@acme.test", {
          timeout: 1_000,
        });
      }).toPass({ timeout: 15_000 }),
  },
  {
    name: "customer-detail",
    path: () => "/customers/quality%40acme.test",
    ready: (page) =>
      expect(page.getByRole("heading", { name: "quality@acme.test", level: 1 })).toBeVisible(),
  },
];

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test.use({ colorScheme: theme });

    for (const target of pages) {
      test(`the ${target.name} page has no serious accessibility violations`, async ({ page }) => {
        // The read side has the ticket and its note, so the pages show it (not syncing).
        await projected(page.request, { ticketId, version: 2 });
        for (const [viewport, size] of Object.entries(VIEWPORTS)) {
          await page.setViewportSize(size);
          await page.goto(target.path());
          await target.ready(page);
          const results = await new AxeBuilder({ page })
            .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
            .analyze();
          const serious = results.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => ({
              rule: v.id,
              impact: v.impact,
              help: v.help,
              nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
            }));
          expect(serious, `${target.name} (${theme}, ${viewport})`).toEqual([]);

          const suffix = viewport === "phone" ? "-phone" : "";
          await page.screenshot({
            path: `test-results/screenshots/${target.name}${suffix}-${theme}.png`,
            fullPage: viewport === "desktop",
          });
          // Nothing overflows sideways at phone width.
          if (viewport === "phone") {
            const overflow = await page.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
            );
            expect(overflow, `${target.name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
          }
        }
      });
    }
  });
}
