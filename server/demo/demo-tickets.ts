import type { Priority, Status } from "@/server/tickets/domain/types";

export interface DemoTicket {
  subject: string;
  message: string;
  customerEmail: string;
  customerName: string;
  priority: Priority;
  tags: string[];
  /** After triage: the agent's replies and the customer's answers, alternating from a reply. */
  exchange: string[];
  status: Status;
  assignee: string | null;
  notes: string[];
  /** How long ago it was opened, in hours. */
  ageHours: number;
}

const AGENTS = ["Aisha Khan", "Mateo García", "Lena Vogel", "Kenji Watanabe"];

const CUSTOMERS: [string, string][] = [
  ["priya", "Priya Raman"],
  ["tom", "Tom Becker"],
  ["yuki", "Yuki Sato"],
  ["omar", "Omar Haddad"],
  ["sofia", "Sofía Ortega"],
  ["li.wei", "Li Wei"],
  ["anna", "Anna Kowalska"],
  ["kwame", "Kwame Mensah"],
];

/** Back-and-forths: an agent's reply, the customer's answer, and so on. */
const EXCHANGES: string[][] = [
  [
    "Thanks for the details! Could you send a screenshot of the error and the time it happened?",
    "Here it is, it happened at 14:05 today. Same message as before.",
    "Got it, thank you. Our engineers found the cause; a fix goes out tonight.",
  ],
  [
    "Sorry about that. I have reset it on our side: could you try again now?",
    "That worked, thanks a lot!",
  ],
  ["We are looking into it and will get back to you within the day."],
  [
    "Could you tell us which browser and version you use?",
    "Firefox 132 on Windows 11. It also happens in Edge.",
  ],
];

/** Saved replies a lead keeps for the demo. */
export const DEMO_SAVED_REPLIES = [
  {
    name: "Ask for a screenshot",
    body: "Hi {{customer.name}},\n\nThanks for writing in. Could you send us a screenshot of what you see? It helps us find the cause quickly.\n\n{{agent.name}}",
  },
  {
    name: "Fixed, please confirm",
    body: "Hi {{customer.name}},\n\nWe have fixed the problem behind “{{ticket.subject}}”. Could you check that it works for you now?\n\nBest,\n{{agent.name}}",
  },
  {
    name: "Refund issued",
    body: "Hi {{customer.name}},\n\nWe have issued the refund; it shows on your statement within 5 business days.\n\n{{agent.name}}",
  },
];

const TAGS = ["billing", "bug", "vpn", "account", "feature-request", "vip"];

const SAMPLES: [string, string][] = [
  [
    "Cannot log in after password reset",
    'Hi, I reset my password this morning using the link in the email, but when I try to log in with the new password I get "invalid credentials". I tried twice more and now I\'m locked out. Could you unlock my account? I have a client demo at 3pm.',
  ],
  [
    "Invoice #2024-1187 charged twice",
    "Hello,\n\nour card was charged twice for invoice 2024-1187 (both on the 3rd). Please refund the duplicate charge. Our finance team needs a corrected statement for the month-end close.\n\nThanks, Priya",
  ],
  [
    "Export to CSV cuts off non-Latin names",
    "When I export the contacts list to CSV, names like 王小明 and Zoë Ångström come out as question marks in Excel. The preview in the app shows them fine. Is there a UTF-8 option?",
  ],
  [
    "Feature request: dark mode for the mobile app",
    "Love the product! The web app has a dark theme but the iOS app doesn't. Working late shifts, the bright screen is hard on the eyes. Any plans?",
  ],
  [
    "Webhook deliveries failing with 410",
    "Since yesterday around 14:00 UTC all webhook deliveries to https://hooks.acme.test/desk fail with HTTP 410 in the delivery log. Our endpoint is up (we checked with curl). Did the signing format change?",
  ],
  [
    "How do I add a second admin?",
    "We're a small team and I'm the only admin. I'd like to make my colleague an admin as well so she can manage billing when I'm away. I couldn't find it in settings.",
  ],
  [
    "App crashes when attaching a photo 📷",
    "Every time I try to attach a photo from my gallery on Android 14 the app closes. Attaching a PDF works. Phone: Pixel 7. App version 5.2.1. Happy to send logs if you tell me how.",
  ],
  [
    "Data retention question for GDPR request",
    "A customer has asked us (under GDPR Art. 17) to erase their data. If we delete the contact in your system, are their ticket messages removed from backups too, and how long does that take?",
  ],
  [
    "Slow dashboard loading since the update",
    "Our team dashboard takes 20–30 seconds to load since last week's update. It used to be instant. About 40 agents use it all day, so this is hurting us.",
  ],
  [
    "Wrong time zone in email notifications",
    "Notification emails show times in UTC although my profile is set to Europe/Berlin. The app itself shows the right local time.",
  ],
  [
    "Please cancel our subscription",
    "We are closing the company at the end of the month. Please cancel the subscription effective the 30th and confirm there will be no further charges.",
  ],
  [
    "SSO login loops back to the sign-in page",
    "After we enabled SAML SSO with Okta, users are sent back to the sign-in page in a loop. The Okta logs show successful assertions. Our entity ID is urn:acme:desk.",
  ],
  [
    "Bulk import stops at 5,000 rows",
    "Importing our customer list (12,400 rows) always stops at row 5,000 without an error. Is there a limit? Splitting the file works but takes a long time.",
  ],
  [
    "Request for a copy of our data processing agreement",
    "Our legal team needs a signed DPA before renewal. Could you send the current version?",
  ],
  [
    "Typo on the pricing page",
    'Tiny thing: the pricing page says "unlimted seats" in the Business plan column.',
  ],
  [
    "Two-factor codes not arriving by SMS",
    "I'm not receiving 2FA codes by SMS (Vodafone UK). Authenticator app codes would be fine too but I can't switch without logging in first.",
  ],
  [
    "API rate limit too low for our sync job",
    "Our nightly sync hits 429 Too Many Requests after about 600 calls. We need roughly 5,000 calls per night. Can the limit be raised for our account or is there a bulk endpoint?",
  ],
  [
    "Mobile app shows old ticket status",
    "On the iPhone app a ticket I closed on the web still shows as open, even after pulling to refresh. Logging out and back in fixes it.",
  ],
  [
    "Arabic text displayed left-to-right",
    "Messages written in Arabic (مرحبا، أحتاج مساعدة في حسابي) are shown left-to-right in the ticket view, which makes them hard to read for our agents.",
  ],
  [
    "Can we change the sender name of emails?",
    'Replies to customers come from "Support Desk" — can we set it to our brand name instead?',
  ],
];

/** A few dozen realistic tickets in plausible states, deterministic so every demo looks alike. */
export function demoTickets(count = 36): DemoTicket[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const tickets: DemoTicket[] = [];
  for (let i = 0; i < count; i++) {
    const [subject, message] = SAMPLES[i % SAMPLES.length] as [string, string];
    const roll = random();
    const status: Status = roll < 0.45 ? "open" : roll < 0.75 ? "triaged" : "closed";
    const priority = pick<Priority>(["low", "normal", "normal", "normal", "high", "urgent"]);
    const assignee = status === "open" && random() < 0.6 ? null : pick(AGENTS);
    const notes =
      random() < 0.4
        ? [
            pick([
              "Asked the customer for a screenshot.",
              "Reproduced on staging; escalating to engineering.",
              "Customer confirmed the workaround helps for now.",
              "Refund issued, waiting for bank confirmation.",
            ]),
          ]
        : [];
    const [name, customerName] = pick(CUSTOMERS);
    const tags =
      random() < 0.6 ? [...new Set([pick(TAGS), ...(random() < 0.3 ? [pick(TAGS)] : [])])] : [];
    const exchange = status !== "open" || random() < 0.3 ? pick(EXCHANGES) : [];
    tickets.push({
      subject: i < SAMPLES.length ? subject : `${subject} (follow-up)`,
      message,
      customerEmail: `${name}@${pick(["acme.test", "globex.test", "initech.test", "umbrella.test"])}`,
      customerName,
      priority,
      tags,
      exchange,
      status,
      assignee,
      notes,
      ageHours: Math.round((count - i) * 9 + random() * 8),
    });
  }
  return tickets;
}
