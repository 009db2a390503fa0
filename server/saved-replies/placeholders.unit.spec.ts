import { describe, expect, it } from "vitest";
import {
  fillPlaceholders,
  PLACEHOLDERS,
  type PlaceholderValues,
} from "@/server/saved-replies/placeholders";

const values = (customer: Partial<PlaceholderValues["customer"]> = {}): PlaceholderValues => ({
  customer: { name: "Sam Jones", email: "sam.jones@example.test", ...customer },
  agent: { name: "Aisha Khan" },
  ticket: { subject: "Blender arrived broken" },
});

describe("fillPlaceholders", () => {
  it("fills every known placeholder", () => {
    // given a reply using all four
    const body =
      "Hi {{customer.name}} ({{customer.email}}), about “{{ticket.subject}}”. — {{agent.name}}";

    // when it is filled
    const filled = fillPlaceholders(body, values());

    // then each is replaced by its value
    expect(filled).toBe(
      "Hi Sam Jones (sam.jones@example.test), about “Blender arrived broken”. — Aisha Khan",
    );
  });

  it("tolerates spaces and tabs inside the braces, and fills a placeholder used twice", () => {
    const filled = fillPlaceholders("{{ customer.name }}, {{\tcustomer.name  }}!", values());

    expect(filled).toBe("Sam Jones, Sam Jones!");
  });

  it("falls back to the email's local part when the customer has no name", () => {
    expect(fillPlaceholders("Hi {{customer.name}}", values({ name: null }))).toBe("Hi sam.jones");
    expect(fillPlaceholders("Hi {{customer.name}}", values({ name: "  " }))).toBe("Hi sam.jones");
  });

  it('falls back to "there" without a name or an email, and an email to nothing', () => {
    // given a ticket whose customer is unknown
    const unknown = values({ name: null, email: null });

    // when a greeting is filled
    const filled = fillPlaceholders("Hi {{customer.name}},<{{customer.email}}>", unknown);

    // then it greets "there" and leaves the email out
    expect(filled).toBe("Hi there,<>");
    expect(fillPlaceholders("{{customer.name}}", values({ name: null, email: "@x.test" }))).toBe(
      "there",
    );
  });

  it("leaves unknown and malformed placeholders as written", () => {
    const body = "{{customer.phone}} {{Customer.Name}} {customer.name} {{customer.name}";

    expect(fillPlaceholders(body, values())).toBe(body);
  });

  it("does not fill a value that itself looks like a placeholder", () => {
    // given a subject that a customer wrote as a placeholder
    const tricky = { ...values(), ticket: { subject: "{{agent.name}} $& $1" } };

    // when it is filled into a reply
    const filled = fillPlaceholders("Re: {{ticket.subject}}", tricky);

    // then it appears as written: one pass, no replacement patterns
    expect(filled).toBe("Re: {{agent.name}} $& $1");
  });

  it("does not span line breaks inside the braces", () => {
    expect(fillPlaceholders("{{\ncustomer.name\n}}", values())).toBe("{{\ncustomer.name\n}}");
  });
});

describe("PLACEHOLDERS", () => {
  it("lists exactly the placeholders that are filled", () => {
    // given every listed placeholder
    const listed = PLACEHOLDERS.map((p) => p.placeholder);

    // when each is filled on its own
    const filled = listed.map((p) => fillPlaceholders(p, values()));

    // then none is left as written
    expect(listed).toEqual([
      "{{customer.name}}",
      "{{customer.email}}",
      "{{agent.name}}",
      "{{ticket.subject}}",
    ]);
    expect(filled.filter((text, i) => text === listed[i])).toEqual([]);
  });
});
