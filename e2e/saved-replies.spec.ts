import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";

// A lead keeps the desk's saved replies on /admin/saved-replies.

test.use({ storageState: STORAGE_STATE.lead });

test("a lead adds a saved reply, edits it, is told a name is required, and deletes it", async ({
  page,
}) => {
  const name = `Refund issued ${Date.now()}`;
  await page.goto("/tickets");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Saved replies" })
    .click();
  await expect(page.getByRole("heading", { name: "Saved replies", level: 1 })).toBeVisible();
  // The help text names every placeholder.
  for (const placeholder of ["customer.name", "customer.email", "agent.name", "ticket.subject"]) {
    await expect(page.getByRole("term").filter({ hasText: `{{${placeholder}}}` })).toBeVisible();
  }

  // An empty name is refused beside the field, and the body typed is kept.
  const create = page.getByRole("form", { name: "New saved reply" });
  await create.getByLabel("Body").fill("Hi {{customer.name}},\n\nWe have refunded your order.");
  await create.getByRole("button", { name: "Add saved reply" }).click();
  await expect(create.getByLabel("Name")).toHaveAccessibleDescription("Name is required.");
  await expect(create.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(create.getByLabel("Body")).toHaveValue(
    "Hi {{customer.name}},\n\nWe have refunded your order.",
  );

  // Named, it is added to the list and the form is emptied for the next one.
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Add saved reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Added “${name}”.` })).toBeVisible();
  await expect(create.getByLabel("Name")).toHaveValue("");
  const row = page.locator(`[data-saved-reply="${name}"]`);
  await expect(row).toContainText("We have refunded your order.");
  await expect(row).toContainText("Updated by Lena Vogel");

  // Edited: renamed and rewritten.
  const renamed = `${name} (full)`;
  await row.getByText("Edit").click();
  const edit = page.getByRole("form", { name: `Edit ${name}` });
  await expect(edit.getByLabel("Name")).toHaveValue(name);
  await edit.getByLabel("Name").fill(renamed);
  await edit.getByLabel("Body").fill("Hi {{ customer.name }}, the refund was issued today.");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved “${renamed}”.` })).toBeVisible();
  const renamedRow = page.locator(`[data-saved-reply="${renamed}"]`);
  await expect(renamedRow).toContainText("the refund was issued today.");
  await expect(row).toHaveCount(0);

  // An empty name is refused on edit too, and nothing changes.
  const editRenamed = page.getByRole("form", { name: `Edit ${renamed}` });
  await editRenamed.getByLabel("Name").fill("   ");
  await editRenamed.getByRole("button", { name: "Save changes" }).click();
  await expect(editRenamed.getByLabel("Name")).toHaveAccessibleDescription("Name is required.");
  await expect(renamedRow.getByRole("heading")).toHaveText(renamed);

  // Deleted: gone from the list, and the page says so.
  await renamedRow.getByRole("button", { name: `Delete ${renamed}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Deleted “${renamed}”.` })).toBeVisible();
  await expect(renamedRow).toHaveCount(0);
  await page.reload();
  await expect(page.locator(`[data-saved-reply="${renamed}"]`)).toHaveCount(0);
});
