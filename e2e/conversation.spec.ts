import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, STORAGE_STATE } from "./accounts";
import { expectWriteSynced, sync } from "./helpers";

/** A ticket from a customer, through the API as an email gateway would create it. */
async function customerTicket(
  request: APIRequestContext,
  subject: string,
  email = "Sam.Rivera@Example.test",
) {
  const response = await request.post("/api/tickets", {
    data: {
      subject,
      message: "My card was charged twice for the March invoice.",
      customer: { email, name: "Sam Rivera" },
    },
    headers: bearer("write"),
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { ticketId: string }).ticketId;
}

test.describe("a conversation with the customer", () => {
  test.use({ storageState: STORAGE_STATE.agent });

  test("an agent answers with a saved reply, notes internally, assigns a colleague and tags", async ({
    page,
    request,
  }) => {
    const unique = Date.now().toString(36);
    const subject = `Charged twice ${unique}`;
    // Given a saved reply (kept by leads) and a ticket where the customer wrote twice.
    const saved = await request.post("/api/saved-replies", {
      data: {
        name: `Refund on its way ${unique}`,
        body: "Hi {{customer.name}}, the refund for “{{ticket.subject}}” is on its way. {{agent.name}}",
      },
      headers: bearer("write"),
    });
    expect(saved.status(), await saved.text()).toBe(201);
    const id = await customerTicket(request, subject);
    const again = await request.post(`/api/tickets/${id}/messages`, {
      data: { body: "Any news? It is still on my statement." },
      headers: bearer("write"),
    });
    expect(again.status(), await again.text()).toBe(200);

    // When the agent opens it, the customer's two messages read as a thread.
    await page.goto(`/tickets/${id}`);
    const conversation = page.getByTestId("conversation");
    await expect(conversation.locator('[data-kind="customer"]')).toHaveCount(2);
    await expect(conversation.locator("li").nth(1)).toContainText("Any news?");
    await expect(page.getByTestId("customer-link")).toHaveAttribute(
      "href",
      "/customers/sam.rivera%40example.test",
    );
    await expect(page.getByTestId("customer-link")).toContainText("Sam Rivera");

    // The agent types # and part of the saved reply's name, and picks it with Enter.
    const composer = page.getByTestId("composer");
    await expect(composer).toHaveAttribute("data-mode", "reply");
    const reply = page.getByRole("textbox", { name: "Reply" });
    await reply.click();
    await reply.pressSequentially(`Thanks! #${unique}`);
    const option = page
      .getByRole("listbox", { name: "Saved replies" })
      .getByRole("option", { name: new RegExp(`Refund on its way ${unique}`) });
    await expect(option).toBeVisible();
    await reply.press("Enter");
    await expect(reply).toHaveValue(
      `Thanks! Hi Sam Rivera, the refund for “${subject}” is on its way. Aisha Khan`,
    );
    // The text stays the agent's to edit before it goes.
    await reply.press("End");
    await reply.pressSequentially(" (Billing team)");
    await reply.press("Control+Enter");
    await expectWriteSynced(composer, 3, { syncing: true });
    await expect(reply).toHaveValue("");
    const sent = conversation.locator('[data-kind="reply"]');
    await expect(sent).toContainText("is on its way. Aisha Khan (Billing team)");
    await expect(sent).toContainText("Reply");

    // An internal note is visibly different, and labelled so (`n` once out of the text).
    await reply.blur();
    await page.keyboard.press("n");
    await expect(composer).toHaveAttribute("data-mode", "note");
    await page.getByRole("textbox", { name: "Note" }).fill("Refund ref R-2231 in the PSP.");
    await composer.getByRole("button", { name: "Add note" }).click();
    await expectWriteSynced(composer, 4, { syncing: false });
    const note = conversation.locator('[data-kind="note"]');
    await expect(note).toContainText("Internal");
    await expect(note).toContainText("R-2231");
    await expect(conversation.locator("li")).toHaveCount(4);

    // The assignee is chosen from the people of the desk by typing part of a name.
    const assign = page.getByTestId("assign-form");
    await assign.getByRole("combobox", { name: "Assign to" }).fill("mat");
    await assign.getByRole("option", { name: /Mateo García/ }).click();
    await assign.getByRole("button", { name: "Assign", exact: true }).click();
    // Saved, the page shows the new assignee as updating until the read side has it.
    await expect(page.locator('[data-testid="fact-assignee"][data-updating="true"]')).toContainText(
      "Mateo García",
    );
    await expectWriteSynced(assign, 5, { syncing: false });
    await expect(page.getByTestId("fact-assignee")).toHaveText("Mateo García");
    // Nobody outside the directory can be picked.
    await assign.getByRole("combobox", { name: "Assign to" }).fill("Nobody Here");
    await expect(assign.getByRole("option")).toHaveCount(0);
    await expect(assign.getByRole("button", { name: "Assign", exact: true })).toBeDisabled();

    // Tags: several at once, in any case; a bad one is refused beside the field.
    const tags = page.getByTestId("tags-form");
    await tags.getByLabel("Add tags").fill("Billing, refund");
    await tags.getByRole("button", { name: "Add" }).click();
    await expectWriteSynced(tags, 6, { syncing: false });
    await expect(tags.getByRole("listitem")).toHaveText([/^billing/, /^refund/]);
    await tags.getByRole("button", { name: "Remove tag billing" }).click();
    await expectWriteSynced(tags, 7, { syncing: false });
    await expect(tags.getByRole("listitem")).toHaveCount(1);
    await tags.getByLabel("Add tags").fill("no_underscores");
    await tags.getByRole("button", { name: "Add" }).click();
    await expect(tags.locator("#add-error")).toContainText("lower-case letters, digits or hyphens");
    await expect(sync(tags)).toHaveCount(0);

    await page.screenshot({
      path: "test-results/screenshots/conversation-light.png",
      fullPage: true,
    });
  });

  test("a message to a closed ticket opens a follow-up, linked both ways", async ({
    page,
    request,
  }) => {
    const unique = Date.now().toString(36);
    const subject = `Router returned ${unique}`;
    const email = `sam.${unique}@Example.test`;
    const id = await customerTicket(request, subject, email);
    const closed = await request.post(`/api/tickets/${id}/status`, {
      data: { status: "closed" },
      headers: bearer("write"),
    });
    expect(closed.status()).toBe(200);

    // When the customer writes again, a follow-up takes the message.
    const message = await request.post(`/api/tickets/${id}/messages`, {
      data: { body: "It broke again, sorry!" },
      headers: bearer("write"),
    });
    expect(message.status(), await message.text()).toBe(201);
    const followUp = (await message.json()) as { ticketId: string; followUpOf: string };
    expect(followUp.followUpOf).toBe(id);
    expect(message.headers().location).toContain(`/api/tickets/${followUp.ticketId}`);

    // Then the closed ticket links to it (once the link is projected), and takes no replies.
    await page.goto(`/tickets/${id}`);
    await expect(page.getByTestId("follow-up")).toHaveAttribute(
      "href",
      `/tickets/${followUp.ticketId}`,
      { timeout: 15_000 },
    );
    await expect(page.getByRole("button", { name: /Reply to customer/ })).toBeDisabled();
    await page.getByTestId("follow-up").click();

    // And the follow-up carries the message, the customer and the way back.
    await expect(page.getByRole("heading", { level: 1, name: `Re: ${subject}` })).toBeVisible();
    await expect(page.getByTestId("conversation")).toContainText("It broke again, sorry!");
    await expect(page.getByTestId("customer-link")).toContainText("Sam Rivera");
    await expect(page.getByTestId("follow-up-of")).toHaveAttribute("href", `/tickets/${id}`);

    // The customer's page has both tickets, newest first, with their counts.
    await page.getByTestId("customer-link").click();
    await expect(page).toHaveURL(new RegExp(`/customers/sam.${unique}%40example.test$`));
    await expect(page.getByRole("heading", { level: 1, name: "Sam Rivera" })).toBeVisible();
    await expect(page.getByText(`sam.${unique}@example.test`)).toBeVisible();
    await expect(page.getByTestId("customer-open")).toContainText("1");
    await expect(page.getByTestId("customer-closed")).toContainText("1");
    const tickets = page.getByTestId("customer-tickets").getByRole("link");
    await expect(tickets).toHaveText([`Re: ${subject}`, subject]);
    await page.screenshot({ path: "test-results/screenshots/customer-light.png", fullPage: true });
    await tickets.nth(1).click();
    await expect(page).toHaveURL(new RegExp(`/tickets/${id}$`));

    // The customers list finds them by the start of their email, with the same counts.
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Customers" })
      .click();
    await page.getByRole("searchbox", { name: "Find a customer" }).fill(`SAM.${unique}`);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`/customers\\?q=SAM.${unique}$`));
    const row = page.getByTestId("customer-list").getByRole("row").nth(1);
    // The list is a read model of its own: it may be a moment behind the customer's page.
    await expect(async () => {
      await page.reload();
      await expect(row.getByRole("cell")).toHaveText(
        [new RegExp(`^Sam Rivera\\s*sam\\.${unique}@example\\.test$`), "1", "0", "1", /ago|now/],
        { timeout: 1_000 },
      );
    }).toPass({ timeout: 15_000 });
    await page.screenshot({ path: "test-results/screenshots/customers-light.png", fullPage: true });
    await row.getByRole("link", { name: "Sam Rivera" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sam Rivera" })).toBeVisible();
  });
});
