import { expect, test } from "@playwright/test";
import { bearer, STORAGE_STATE } from "./accounts";
import { apiCommand, apiCreate, projected } from "./api";
import { ticketRow } from "./helpers";

// A ticket whose every text field is script and markup shows that text, literally, everywhere
// it appears, and nothing in it runs.

const SUBJECT = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> XSS ${Date.now()}`;
const MESSAGE = `<b>bold?</b> <a href="javascript:window.__xss=3">click</a> <svg onload="window.__xss=4"></svg>`;
const NOTE = `<iframe srcdoc="<script>parent.__xss=5</script>"></iframe> & "quotes" 'too'`;

test.use({ storageState: STORAGE_STATE.lead });

test("script and HTML in a subject, a message and a note render as plain text", async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const created = await apiCreate(
    page.request,
    { subject: SUBJECT, message: MESSAGE },
    bearer("write"),
  );
  const noted = await apiCommand(
    page.request,
    created.ticketId,
    "notes",
    { body: NOTE },
    bearer("write"),
  );
  await projected(page.request, noted);

  await page.goto(`/tickets?q=${encodeURIComponent("XSS")}`);
  const row = ticketRow(page, created.ticketId);
  await expect(row).toContainText(SUBJECT);
  await expect(row).toContainText("<b>bold?</b>");

  await page.goto(`/tickets/${created.ticketId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SUBJECT);
  await expect(page.getByText(MESSAGE)).toBeVisible();
  await expect(page.getByTestId("conversation")).toContainText(NOTE);
  await expect(page).toHaveTitle(
    new RegExp(SUBJECT.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
  );

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();

  // None of it became markup, and none of it ran: checked once each page shows the ticket.
  const shown = [
    { path: "/tickets", ticket: () => expect(row).toContainText(SUBJECT) },
    {
      path: `/tickets/${created.ticketId}`,
      ticket: () => expect(page.getByRole("heading", { level: 1 })).toHaveText(SUBJECT),
    },
  ];
  for (const { path, ticket } of shown) {
    await page.goto(path);
    await ticket();
    expect(await page.locator("main img[src='x'], main iframe, main svg[onload]").count()).toBe(0);
    expect(await page.locator('main a[href^="javascript:"]').count()).toBe(0);
  }
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
});
