// Pure, with no server-only imports: the ticket page fills a saved reply in the browser.

/** What a saved reply's placeholders are filled from: the ticket being answered, and who answers. */
export interface PlaceholderValues {
  customer: { name: string | null; email: string | null };
  agent: { name: string };
  ticket: { subject: string };
}

/** Every placeholder a saved reply may use, with what it becomes (for the help text). */
export const PLACEHOLDERS = [
  {
    placeholder: "{{customer.name}}",
    fills: "the customer's name; without one, the part of their email before the @, else “there”",
  },
  { placeholder: "{{customer.email}}", fills: "the customer's email address, or nothing" },
  { placeholder: "{{agent.name}}", fills: "the name of the person sending the reply" },
  { placeholder: "{{ticket.subject}}", fills: "the ticket's subject" },
] as const;

// `{{ customer.name }}` as well as `{{customer.name}}`; spaces and tabs only, not line breaks.
const PLACEHOLDER = /\{\{[ \t]*([A-Za-z]+\.[A-Za-z]+)[ \t]*\}\}/g;

const present = (value: string | null) => (value?.trim() ? value.trim() : null);

function customerName({ name, email }: PlaceholderValues["customer"]): string {
  const localPart = present(email)?.split("@")[0];
  return present(name) ?? present(localPart ?? null) ?? "there";
}

function valueOf(key: string, values: PlaceholderValues): string | null {
  switch (key) {
    case "customer.name":
      return customerName(values.customer);
    case "customer.email":
      return present(values.customer.email) ?? "";
    case "agent.name":
      return values.agent.name;
    case "ticket.subject":
      return values.ticket.subject;
    default:
      return null;
  }
}

/**
 * The body with every known placeholder replaced by its value, in one pass: a value that itself
 * looks like a placeholder (a subject "{{agent.name}}") stays as it is. Unknown placeholders are
 * left as written, so a typo shows in the reply instead of vanishing.
 */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(PLACEHOLDER, (written, key: string) => valueOf(key, values) ?? written);
}
