import { expect, test, type Page } from "@playwright/test";
import { bearer } from "./accounts";
import { apiCommand, apiCreate } from "./api";
import { expectClosedRules, expectWriteSynced, markDocument, sync } from "./helpers";

const MESSAGE =
  "Since Monday the VPN disconnects every hour, on the hour, for everyone in the Lisbon office.\n\nWe restarted the router twice; it did not help. Supercalifragilisticexpialidociousvpnlogfilename-without-any-breaks.txt is attached.";

/** The ticket every test here starts from, with its subject. */
const dana = (subject: string) => ({
  subject,
  message: MESSAGE,
  customerEmail: "dana@example.test",
});

async function expectTimeline(page: Page) {
  const timeline = page.getByTestId("timeline").locator("li");
  await expect(timeline).toHaveCount(6);
  await expect(timeline.nth(0)).toContainText("created the ticket with normal priority");
  await expect(timeline.nth(1)).toContainText("Aisha Khan changed the status from open to triaged");
  await expect(timeline.nth(2)).toContainText("Aisha Khan assigned it to Aisha Khan");
  await expect(timeline.nth(3)).toContainText("Aisha Khan added an internal note");
  await expect(timeline.nth(4)).toContainText("set the priority from normal to urgent");
  await expect(timeline.nth(5)).toContainText("changed the status from triaged to closed");
  await expect(timeline.nth(5).locator("time")).toHaveAttribute("title", /UTC$/);
}

test.describe("ticket page", () => {
  test("an agent triages, assigns, notes, prioritises and closes; each write syncs", async ({
    page,
    request,
  }) => {
    const subject = `VPN drops hourly ${Date.now()}`;
    const { ticketId: id } = await apiCreate(request, dana(subject));
    await page.goto(`/tickets/${id}`);
    await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
    await expect(page.getByText("We restarted the router twice")).toBeVisible();
    await expect(page.getByTestId("customer-link")).toHaveText("dana@example.test");
    await expect(page.getByRole("link", { name: "Back to tickets" })).toBeVisible();

    // Triage, then assign to me at once, while the views are still behind the first write.
    const statusForm = page.getByTestId("status-form");
    const assignForm = page.getByTestId("assign-form");
    await statusForm.getByRole("button", { name: "Triaged", exact: true }).click();
    await assignForm.getByRole("button", { name: "Assign to me" }).click();
    await expect(sync(statusForm)).toContainText("Saved as version 2");
    await expect(sync(statusForm)).toHaveAttribute("data-sync-state", "syncing");
    await expect(page.getByTestId("fact-status")).toHaveAttribute("data-updating", "true");
    await expect(page.getByTestId("fact-status")).toContainText("updating");
    await expect(sync(assignForm)).toContainText("Saved as version 3");

    // A note right after, still without waiting: no false conflict. `n` chooses a note.
    const noteForm = page.getByTestId("composer");
    await page.keyboard.press("n");
    await expect(noteForm).toHaveAttribute("data-mode", "note");
    await expect(page.getByRole("textbox", { name: "Note" })).toBeFocused();
    await page
      .getByRole("textbox", { name: "Note" })
      .fill("Asked for the router model and the VPN client logs.");
    await noteForm.getByRole("button", { name: "Add note" }).click();
    await expect(sync(noteForm)).toContainText("Saved as version 4");
    await expect(sync(noteForm)).toHaveAttribute("data-sync-state", "syncing");
    await expect(page.getByTestId("version-conflict")).toHaveCount(0);

    for (const form of [statusForm, assignForm, noteForm]) {
      await expect(sync(form)).toHaveAttribute("data-sync-state", "up-to-date");
    }
    await expect(sync(noteForm)).toContainText(/Up to date.*projected \d+ ms after saving/);
    await expect(page.locator("[data-ticket-version]")).toHaveAttribute("data-ticket-version", "4");
    await expect(page.getByTestId("fact-status")).not.toHaveAttribute("data-updating", "true");
    await expect(page.getByTestId("fact-status")).toHaveText("triaged");
    await expect(page.getByTestId("fact-assignee")).toHaveText("Aisha Khan");
    const note = page.getByTestId("conversation").locator('[data-kind="note"]');
    await expect(note).toContainText("Aisha Khan");
    await expect(note).toContainText("Internal");
    await expect(note).toContainText("Asked for the router model");
    await expect(page.getByRole("textbox", { name: "Note" })).toHaveValue("");

    const priorityForm = page.getByTestId("priority-form");
    await priorityForm.getByRole("button", { name: "Urgent", exact: true }).click();
    await expectWriteSynced(priorityForm, 5, { syncing: true });
    await expect(page.getByTestId("fact-priority")).toHaveText("urgent");

    await statusForm.getByRole("button", { name: "Closed", exact: true }).click();
    await expectWriteSynced(statusForm, 6, { syncing: true });
    await expect(page.getByTestId("fact-status")).toHaveText("closed");

    // Reopening is refused before anyone tries, with the reason beside the control.
    await expectClosedRules(page);
    await expectTimeline(page);
    await page.screenshot({ path: "test-results/screenshots/ticket-light.png", fullPage: true });
  });

  test("a note without text is refused beside the field", async ({ page, request }) => {
    const { ticketId: id } = await apiCreate(request, dana(`Empty note ${Date.now()}`));
    await page.goto(`/tickets/${id}`);
    await page.getByRole("button", { name: /Internal note/ }).click();
    await page.getByRole("textbox", { name: "Note" }).fill("   ");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.locator("#body-error")).toHaveText("Note is required.");
    await expect(page.getByRole("textbox", { name: "Note" })).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expect(page.getByTestId("composer").locator("[data-sync-state]")).toHaveCount(0);
  });

  test("a write over someone else's change is a clear conflict, and Reload shows it", async ({
    page,
    request,
  }) => {
    const { ticketId: id } = await apiCreate(request, dana(`Conflict ${Date.now()}`));
    await page.goto(`/tickets/${id}`);
    await expect(page.locator("[data-ticket-version]")).toHaveAttribute("data-ticket-version", "1");
    // Someone else triages it; the page cannot know for ~1.5 s (the projection delay).
    await apiCommand(request, id, "status", { status: "triaged" }, bearer("write"));
    const priorityForm = page.getByTestId("priority-form");
    await priorityForm.getByRole("button", { name: "High", exact: true }).click();

    const conflict = page.getByTestId("version-conflict");
    await expect(conflict).toContainText("Not saved: someone else changed this ticket");
    await expect(conflict).toContainText("you had version 1");
    await conflict.getByRole("button", { name: "Reload" }).click();
    await expect(conflict).toContainText("you now see version 2");
    await expect(page.getByTestId("fact-status")).toHaveText("triaged");
    await expect(page.getByTestId("fact-priority")).toHaveText("normal");

    // Now the write goes through, on top of their change.
    await priorityForm.getByRole("button", { name: "High", exact: true }).click();
    await expectWriteSynced(priorityForm, 3, { syncing: false });
    await expect(page.getByTestId("fact-priority")).toHaveText("high");
  });

  test("a change made through the API appears without a reload", async ({ page, request }) => {
    const { ticketId: id } = await apiCreate(request, dana(`Live update ${Date.now()}`));
    await page.goto(`/tickets/${id}`);
    await expect(page.getByTestId("fact-assignee")).toHaveText("Unassigned");
    const sameDocument = await markDocument(page);

    // Another system changes it, through the API with a write token.
    await apiCommand(request, id, "assignee", { assignee: "Mateo García" }, bearer("write"));
    await apiCommand(
      request,
      id,
      "notes",
      { body: "Escalated to the network team." },
      bearer("write"),
    );

    await expect(page.getByTestId("fact-assignee")).toHaveText("Mateo García");
    await expect(page.getByTestId("conversation")).toContainText("Escalated to the network team.");
    await expect(page.getByTestId("live-update")).toContainText("Updated by someone else just now");
    await expect(page.getByTestId("timeline").locator("li")).toHaveCount(3);
    await expect(page.getByTestId("timeline")).toContainText(
      "tests (API token) assigned it to Mateo",
    );
    expect(await sameDocument()).toBe(true);

    // The page now expects the new version: a write from here is not a conflict.
    await page.getByTestId("status-form").getByRole("button", { name: "Triaged" }).click();
    await expect(sync(page.getByTestId("status-form"))).toContainText("Saved as version 4");
  });

  test("an unknown or malformed ticket id is a 404 page", async ({ page }) => {
    for (const id of ["0123456789abcdef01234567", "not-a-ticket"]) {
      const response = await page.goto(`/tickets/${id}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Ticket not found" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Back to tickets" })).toBeVisible();
    }
  });
});
