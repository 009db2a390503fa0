import { expect, test } from "@playwright/test";
import { waitForLiveList } from "./helpers";

test.describe("tickets", () => {
  test("an agent creates a ticket and watches it go from syncing to up to date", async ({
    page,
  }) => {
    await page.goto("/tickets");
    await waitForLiveList(page);
    await expect(page.getByRole("heading", { name: "Tickets", level: 1 })).toBeVisible();

    const subject = `Printer on floor 3 jams ${Date.now()}`;
    const message =
      "Since this morning the printer on the third floor jams on every second page.\n\nWe tried new paper and restarting it, but the problem persists and the finance team cannot print invoices.";
    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("Message").fill(message);
    await page.getByRole("button", { name: "Create ticket" }).click();

    // The list has live regions of its own; this is the create form's write status.
    const status = page.getByRole("region", { name: "New ticket" }).getByRole("status");
    // Saved at once, then syncing while the projector (delayed 1.5 s in this run) catches up…
    await expect(status).toContainText("Saved as version 1");
    await expect(status).toHaveAttribute("data-sync-state", "syncing");
    await expect(status).toContainText("Syncing");
    // …then up to date, with the measured lag.
    await expect(status).toHaveAttribute("data-sync-state", "up-to-date");
    await expect(status).toContainText(/Up to date.*projected \d+ ms after saving/);

    // The list (server-rendered from the read model) now shows the row with its preview.
    const row = page.getByRole("list", { name: "Tickets" }).locator("li", { hasText: subject });
    await expect(row).toBeVisible();
    await expect(row).toContainText("open");
    await expect(row).toContainText(
      "Since this morning the printer on the third floor jams on every second page. We tried new paper and restarting it, but…",
    );
    await expect(row).toHaveAttribute("data-version", "1");
    // The form is ready for the next ticket.
    await expect(page.getByLabel("Subject")).toHaveValue("");

    await page.screenshot({ path: "test-results/screenshots/tickets-created.png", fullPage: true });
  });

  test("a ticket without a subject is refused beside the field, and what was typed is kept", async ({
    page,
  }) => {
    await page.goto("/tickets");
    await waitForLiveList(page);
    await page.getByLabel("Message").fill("No subject here");
    await page.getByRole("button", { name: "Create ticket" }).click();
    await expect(page.locator("#subject-error")).toHaveText("Subject is required.");
    await expect(page.getByLabel("Subject")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Message")).toHaveValue("No subject here");
    await expect(page.getByRole("region", { name: "New ticket" }).getByRole("status")).toHaveCount(
      0,
    );
  });
});
