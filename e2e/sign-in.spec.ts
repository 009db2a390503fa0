import { expect, test, type Page } from "@playwright/test";
import { E2E_ACCOUNTS, SIGNED_OUT } from "./accounts";
import { apiCreate, projected } from "./api";
import { signInWith, submitSignIn } from "./helpers";

// People signing in and out, what each role may open, and API tokens made in the browser.

test.use({ storageState: SIGNED_OUT });

async function signIn(page: Page, role: "agent" | "lead") {
  const account = E2E_ACCOUNTS[role];
  await signInWith(page, account.email, account.password);
  await expect(page.getByTestId("current-user")).toHaveText(account.name);
}

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** Signs in as the lead and opens one of the lead's pages from the main navigation. */
async function leadOpens(page: Page, link: "API tokens" | "People") {
  await signIn(page, "lead");
  await mainNav(page).getByRole("link", { name: link }).click();
}

test.describe("signing in", () => {
  test("signed-out visitors are sent to sign in, and come back where they were going", async ({
    page,
  }) => {
    await page.goto("/tickets?status=open");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftickets/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await submitSignIn(page, E2E_ACCOUNTS.agent.email, E2E_ACCOUNTS.agent.password);
    await expect(page).toHaveURL(/\/tickets/);
  });

  test("a wrong password and an unknown email get the same answer", async ({ page }) => {
    await page.goto("/sign-in");
    await submitSignIn(page, E2E_ACCOUNTS.agent.email, "not the password at all");
    const alert = page.locator("#sign-in-error");
    await expect(alert).toHaveText("The email or password is not right.");
    await submitSignIn(page, "nobody-here@desk.test", "not the password at all");
    await expect(alert).toHaveText("The email or password is not right.");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an agent works tickets but is refused the dashboard and the lead's pages", async ({
    page,
  }) => {
    await signIn(page, "agent");
    const nav = mainNav(page);
    await expect(nav.getByRole("link", { name: "Tickets", exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Dashboard", exact: true })).toHaveCount(0);
    for (const path of ["/dashboard", "/admin/people", "/admin/tokens"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Not for your role" })).toBeVisible();
    }
    const api = await page.request.get("/api/dashboard");
    expect(api.status()).toBe(403);
  });

  test("sign-out ends the session: its cookie no longer opens anything", async ({ page }) => {
    await signIn(page, "agent");
    const cookies = await page.context().cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
    await expect(page.getByRole("status")).toHaveText("You are signed out.");

    // Replaying the old cookie (say, copied before sign-out) gets nothing.
    await page.context().addCookies(cookies);
    const api = await page.request.get("/api/tickets");
    expect(api.status()).toBe(401);
    await page.goto("/tickets");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("a lead", () => {
  test("creates an API token, uses it with the API, sees it used, and revokes it", async ({
    page,
  }) => {
    await leadOpens(page, "API tokens");
    await page.getByLabel("Name").fill("Wallboard");
    await page.getByLabel("Scope").selectOption("write");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = page.getByTestId("secret");
    await expect(secret).toHaveText(/^sdt_/);
    const token = (await secret.textContent()) ?? "";

    // Shown once: after a reload only its prefix is left.
    await page.reload();
    await expect(page.getByTestId("secret")).toHaveCount(0);
    const row = page.locator('[data-token="Wallboard"]');
    await expect(row).toContainText(`${token.slice(0, 10)}…`);
    await expect(row).toContainText("last used never");
    expect(await page.content()).not.toContain(token);

    // Another system uses it.
    const api = page.context().request;
    const headers = { authorization: `Bearer ${token}` };
    const created = await apiCreate(
      api,
      { subject: "Raised by the wallboard", message: "Queue above 50 for ten minutes." },
      headers,
    );
    await projected(api, created);
    const read = await api.get(`/api/tickets/${created.ticketId}`, { headers });
    expect(((await read.json()) as { history: { actor: string }[] }).history[0]?.actor).toBe(
      "Wallboard (API token)",
    );
    await page.reload();
    await expect(row).not.toContainText("last used never");

    await row.getByRole("button", { name: "Revoke Wallboard" }).click();
    await expect(row).toContainText("revoked");
    await expect(row.getByRole("button", { name: "Revoke Wallboard" })).toHaveCount(0);
    const refused = await api.get("/api/tickets", { headers });
    expect(refused.status()).toBe(401);
  });

  test("adds an agent, who can sign in; deactivating them ends their session at once", async ({
    page,
    browser,
  }) => {
    await leadOpens(page, "People");
    const email = `temp-${Date.now()}@desk.test`;
    await page.getByLabel("Name").fill("Temp Agent");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role").selectOption("agent");
    await page.getByRole("button", { name: "Create person" }).click();
    const password = (await page.getByTestId("secret").textContent()) ?? "";
    expect(password.length).toBeGreaterThanOrEqual(20);

    const other = await browser.newContext({ storageState: SIGNED_OUT });
    const agent = await other.newPage();
    await signInWith(agent, email, password);
    await expect(agent.getByTestId("current-user")).toHaveText("Temp Agent");

    await page.reload();
    await page
      .locator(`[data-person="${email}"]`)
      .getByRole("button", { name: "Deactivate Temp Agent" })
      .click();
    await expect(page.getByText("Deactivated; their sessions have ended.")).toBeVisible();

    await agent.reload();
    await expect(agent).toHaveURL(/\/sign-in/);
    expect((await agent.request.get("/api/tickets")).status()).toBe(401);
    await other.close();
  });
});
