// Commands written with the command handlers in the test process, the way the seeding script
// writes: a process without a projector only queues the work. The fault tests use it to give
// projector processes work that the web server's own best-effort projection cannot take first
// (it projects the ticket of every command it serves, even with PROJECTOR_IN_PROCESS=false).
import { randomInt } from "node:crypto";
import { LOAD_AGENTS, type Sent } from "@/server/testing/http-load";

/** Three of the load's people (made people of the desk by `givenLoadAgents`), and nobody. */
const AGENTS = [LOAD_AGENTS[0], LOAD_AGENTS[1], LOAD_AGENTS[4], null];
const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const STATUSES = ["open", "triaged", "closed"] as const;

/**
 * Loads the handlers. The server modules read MONGODB_URI when first imported, so call this only
 * after setting it to the database under test.
 */
export async function handlerLoad() {
  const { as, create } = await import("@/server/testing/fixtures");
  const { changeStatus } = await import("@/server/tickets/commands/change-status");
  const { addNote } = await import("@/server/tickets/commands/add-note");
  const { assignAgent } = await import("@/server/tickets/commands/assign-agent");
  const { setPriority } = await import("@/server/tickets/commands/set-priority");
  const { DomainError } = await import("@/server/tickets/domain/errors");
  const { closeDb } = await import("@/server/db/client");

  /** What was acknowledged, in the shape the HTTP load records, for the same checks. */
  const acknowledged: Sent[] = [];
  let refused = 0;
  let seq = 0;

  const record = (
    kind: Sent["kind"],
    started: number,
    result: { ticketId: string; version: number },
  ) =>
    acknowledged.push({
      kind,
      ticketId: result.ticketId,
      status: 200,
      contentType: "application/json",
      problemType: null,
      version: result.version,
      knownClosed: false,
      at: started,
      ms: Date.now() - started,
    });

  return {
    acknowledged,
    refused: () => refused,
    close: closeDb,

    async create(): Promise<string> {
      const n = ++seq;
      const started = Date.now();
      const priority = PRIORITIES[n % 4]!;
      const result = await create({
        subject: `Queued ${n}`,
        message: `Written by a script ${n}`,
        priority,
      });
      record("create", started, result);
      return result.ticketId;
    },

    /** One random command on one of `ids`; a refusal by a domain rule is counted, not thrown. */
    async one(ids: readonly string[]): Promise<void> {
      const id = ids[randomInt(ids.length)]!;
      const n = ++seq;
      const started = Date.now();
      try {
        switch (randomInt(4)) {
          case 0:
            record(
              "status",
              started,
              await changeStatus(id, { status: STATUSES[randomInt(3)]! }, as()),
            );
            break;
          case 1:
            record("note", started, await addNote(id, { body: `Queued note ${n}` }, as()));
            break;
          case 2:
            record(
              "assign",
              started,
              await assignAgent(id, { assignee: AGENTS[randomInt(4)]! }, as()),
            );
            break;
          default:
            record(
              "priority",
              started,
              await setPriority(id, { priority: PRIORITIES[randomInt(4)]! }, as()),
            );
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error; // closed tickets refuse; nothing else may
        refused++;
      }
    },
  };
}
