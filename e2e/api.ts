// Tickets through the HTTP API, as the end-to-end specs set them up: create one, send it a
// command, and wait until the read side has the version a write produced.
import { expect, type APIRequestContext } from "@playwright/test";

/** What a write answers: the ticket and the version the write produced. */
export interface Created {
  ticketId: string;
  version: number;
}

export interface NewTicket {
  subject: string;
  message: string;
  priority?: string;
  customerEmail?: string;
}

/** Creates a ticket through the API as whoever `request` is (a session or a token). */
export async function apiCreate(
  request: APIRequestContext,
  data: NewTicket,
  headers: Record<string, string> = {},
): Promise<Created> {
  const response = await request.post("/api/tickets", { data, headers });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Created;
}

/** Sends one command to a ticket through the API (POST /api/tickets/:id/status, …). */
export async function apiCommand(
  request: APIRequestContext,
  ticketId: string,
  command: "status" | "assignee" | "notes" | "priority",
  data: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Created> {
  const response = await request.post(`/api/tickets/${ticketId}/${command}`, { data, headers });
  expect(response.status(), `${command}: ${await response.text()}`).toBe(200);
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
