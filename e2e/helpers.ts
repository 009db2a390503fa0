import AxeBuilder from "@axe-core/playwright";
// What several end-to-end specs share in the browser: signing in, driving pages by keyboard,
// waiting for the live list, and reading the ticket page's write status. Tickets made through
// the API are in ./api.
import { expect, type Locator, type Page } from "@playwright/test";

/** The write status inside a form: saved → syncing → up to date. */
export const sync = (form: Locator) => form.locator("[data-sync-state]");

/**
 * A write from this form was saved as this version and its status reached "up to date";
 * with `syncing`, it was seen syncing first (the projection delay of the e2e run shows it).
 */
export async function expectWriteSynced(
  form: Locator,
  version: number,
  { syncing }: { syncing: boolean },
) {
  const status = sync(form);
  await expect(status).toContainText(`Saved as version ${version}`);
  if (syncing) await expect(status).toHaveAttribute("data-sync-state", "syncing");
  await expect(status).toHaveAttribute("data-sync-state", "up-to-date");
}

/** Presses Tab until the focused element is the one named (button text, or a field's id). */
export async function tabTo(page: Page, name: string, shift = false) {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press(shift ? "Shift+Tab" : "Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? [el.id, (el.textContent ?? "").trim()] : [];
    });
    if (focused.includes(name)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** Tabs to the element named (see tabTo) and presses a key on it. */
export async function tabToAndPress(page: Page, name: string, key: string, shift = false) {
  await tabTo(page, name, shift);
  await page.keyboard.press(key);
}

/** On a closed ticket the status, assignee and priority controls say why they are locked. */
export async function expectClosedRules(page: Page) {
  const status = page.getByTestId("status-form");
  await expect(page.getByTestId("status-locked")).toContainText(
    "closed tickets cannot be reopened",
  );
  await expect(status.getByRole("button", { name: "Open", exact: true })).toBeDisabled();
  await expect(status.getByRole("button", { name: "Triaged", exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Assign to me" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Urgent", exact: true })).toBeDisabled();
  // Notes and tags stay allowed (follow-ups after the resolution); replies do not.
  await expect(page.getByRole("button", { name: /Reply to customer/ })).toBeDisabled();
  await expect(page.getByRole("textbox", { name: "Note" })).toBeEnabled();
}

/** Fills the sign-in form on the page it is on and sends it. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the sign-in page and waits for the tickets it lands on. */
export async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await submitSignIn(page, email, password);
  await page.waitForURL("**/tickets");
}

/**
 * Presses a shortcut until it takes effect: the server-rendered page is visible before its
 * keyboard handlers are attached, and a key pressed in between goes nowhere. Only for a key
 * whose effect is the same however often it lands (a second "j" would select the next row).
 */
export async function pressOnceInteractive(page: Page, key: string, effect: () => Promise<void>) {
  await expect(async () => {
    await page.keyboard.press(key);
    await effect();
  }).toPass();
}

/**
 * Waits until the list page has read the read model once from the browser (when its event
 * stream opens, or at its first poll: "Last checked" moved on from the server-rendered time): by then it is hydrated and its effects, the keyboard
 * shortcuts among them, are in place. Wait for this before typing or clicking on a freshly
 * loaded list: a relative time ("1 minute ago") that turns over between the server's render and
 * hydration makes React render the page anew, and what was typed or opened before is lost.
 */
export async function waitForLiveList(page: Page) {
  const checkedAt = page.getByTestId("list-checked-at");
  const rendered = await checkedAt.getAttribute("data-rendered-at");
  await expect(checkedAt).not.toHaveAttribute("datetime", rendered ?? "");
}

/** A ticket's row in the list. */
export const ticketRow = (page: Page, ticketId: string) =>
  page.locator(`li[data-ticket-id="${ticketId}"]`);

/**
 * Marks the document in the page; the function returned tells whether the page still shows
 * that same document, i.e. whatever changed on it since came without a reload.
 */
export async function markDocument(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    (window as unknown as { e2eMark?: boolean }).e2eMark = true;
  });
  return () => page.evaluate(() => (window as unknown as { e2eMark?: boolean }).e2eMark === true);
}

/** Today's date in UTC, as the dashboard and the list's date filters write it. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** No serious or critical accessibility violation (axe, WCAG 2.1 AA and best practice). */
export async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  expect(serious, name).toEqual([]);
}
