import { expect, test } from "@playwright/test";
import { bearer, E2E_ACCOUNTS, STORAGE_STATE } from "./accounts";
import { expectWriteSynced } from "./helpers";

// Two people on one ticket: each sees the other, and who is typing a reply, within seconds; a
// reply one sends appears on the other's page without a reload, and the other's composer says
// so before they send their own.

const run = Date.now().toString(36);

test("two browsers on one ticket see each other, typing included; a reply in one shows in the other, and its composer warns", async ({
  baseURL,
  browser,
  request,
}) => {
  const created = await request.post("/api/tickets", {
    headers: bearer("write"),
    data: {
      subject: `TOG${run} Two people, one customer`,
      message: "Our invoices are missing the VAT number.",
      customer: { email: `noor.${run}@example.test`, name: "Noor" },
    },
  });
  expect(created.status()).toBe(201);
  const { ticketId } = (await created.json()) as { ticketId: string };

  const agent = await browser.newContext({ baseURL, storageState: STORAGE_STATE.agent });
  const lead = await browser.newContext({ baseURL, storageState: STORAGE_STATE.lead });
  try {
    const aisha = await agent.newPage();
    const lena = await lead.newPage();
    await aisha.goto(`/tickets/${ticketId}`);
    await lena.goto(`/tickets/${ticketId}`);

    // Each sees the other on the ticket.
    await expect(aisha.getByTestId("presence")).toContainText(E2E_ACCOUNTS.lead.name);
    await expect(lena.getByTestId("presence")).toContainText(E2E_ACCOUNTS.agent.name);

    // Aisha starts a reply: Lena sees that she is replying.
    const aishaReply = aisha.getByRole("textbox", { name: "Reply" });
    await aishaReply.fill("Hi Noor, I am looking into the VAT number");
    await expect(lena.getByTestId("presence-typing")).toContainText(
      `${E2E_ACCOUNTS.agent.name} is replying`,
    );

    // Lena answers first; her reply syncs.
    const lenaReply = lena.getByRole("textbox", { name: "Reply" });
    await lenaReply.fill(`Hi Noor, fixed: the VAT number is back on every invoice (${run}).`);
    await lenaReply.press("Control+Enter");
    await expectWriteSynced(lena.getByTestId("composer"), 2, { syncing: false });

    // Aisha's page shows Lena's reply without a reload, and her composer says it arrived while
    // she was typing, before she sends hers.
    await expect(aisha.getByTestId("conversation")).toContainText(`(${run})`, {
      timeout: 15_000,
    });
    const warning = aisha.getByTestId("arrived-while-typing");
    await expect(warning).toContainText(`${E2E_ACCOUNTS.lead.name} replied while you were typing`);
    await expect(warning).toContainText("the VAT number is back");
    await expect(aishaReply).toHaveValue("Hi Noor, I am looking into the VAT number");
    await aisha.screenshot({ path: "test-results/screenshots/together-light.png", fullPage: true });

    // Aisha stops typing and leaves: gone from Lena's page.
    await aishaReply.fill("");
    await expect(lena.getByTestId("presence-typing")).toHaveCount(0);
    await aisha.close();
    await expect(lena.getByTestId("presence")).not.toContainText(E2E_ACCOUNTS.agent.name, {
      timeout: 15_000,
    });
  } finally {
    await agent.close();
    await lead.close();
  }
});
