/** What the read side says about one ticket when asked for at least a version. */
export type ReadAtLeast =
  | { state: "current"; version: number; lagMs: number }
  | { state: "behind"; version: number | null };

/**
 * Asks the read side for a ticket at `version` or newer (`minVersion`): the consistency token a
 * command returned. "current" carries the measured lag, from the write to its projection.
 */
export async function readAtLeast(ticketId: string, version: number): Promise<ReadAtLeast> {
  const response = await fetch(`/api/tickets/${ticketId}?minVersion=${version}`, {
    cache: "no-store",
  });
  if (response.status === 202) {
    const body = (await response.json()) as { version: number | null };
    return { state: "behind", version: body.version };
  }
  if (!response.ok) throw new Error(`The read model answered ${response.status}.`);
  const ticket = (await response.json()) as {
    version: number;
    updatedAt: string;
    projectedAt: string;
  };
  return {
    state: "current",
    version: ticket.version,
    lagMs: Math.max(0, Date.parse(ticket.projectedAt) - Date.parse(ticket.updatedAt)),
  };
}
