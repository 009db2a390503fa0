// What several end-to-end specs share: making tickets through the API, waiting for the read
// side, and driving the ticket page by keyboard.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** The write status inside a form: saved → syncing → up to date. */
export const sync = (form: Locator) => form.locator("[data-sync-state]");

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
  // Notes stay allowed: follow-ups after the resolution.
  await expect(page.getByRole("textbox", { name: "Note" })).toBeEnabled();
}

export interface Created {
  ticketId: string;
  version: number;
}

/** Creates a ticket through the API as whoever `request` is (a session or a token). */
export async function apiCreate(
  request: APIRequestContext,
  data: { subject: string; message: string; priority?: string; customerEmail?: string },
  headers: Record<string, string> = {},
): Promise<Created> {
  const response = await request.post("/api/tickets", { data, headers });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Created;
}

/** Waits until the read side has at least this version of the ticket. */
export async function projected(request: APIRequestContext, { ticketId, version }: Created) {
  await expect
    .poll(
      async () => (await request.get(`/api/tickets/${ticketId}?minVersion=${version}`)).status(),
      { timeout: 30_000 },
    )
    .toBe(200);
}

/** Signs in through the sign-in page and waits for the tickets it lands on. */
export async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/tickets");
}

/**
 * Presses a shortcut until it takes effect: the server-rendered page is visible before its
 * keyboard handlers are attached, and a key pressed in between goes nowhere.
 */
export async function pressOnceInteractive(page: Page, key: string, effect: () => Promise<void>) {
  await expect(async () => {
    await page.keyboard.press(key);
    await effect();
  }).toPass();
}

/**
 * Waits until the list page has polled the read model once from the browser ("Last checked"
 * moved on from the server-rendered time): by then it is hydrated and its effects, the keyboard
 * shortcuts among them, are in place.
 */
export async function waitForLiveList(page: Page) {
  const checkedAt = page.getByTestId("list-checked-at");
  const rendered = await checkedAt.getAttribute("datetime");
  await expect(checkedAt).not.toHaveAttribute("datetime", rendered ?? "");
}
