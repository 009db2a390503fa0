import type { Db } from "mongodb";
import { collections, type Collections } from "@/server/db/collections";
import { insertMissing } from "@/server/projections/bulk-writes";
import { historyEntry, messageDocument, type TicketDocument } from "@/server/tickets/write-model";

const MARKER = "write-model-schema";
/** 2: conversations (notes as messages), customers, tags, assignees as people's ids. */
const SCHEMA = "2";

/** What a ticket written by the first version holds that this one keeps differently. */
interface FirstVersionFields {
  customerEmail?: string | null;
  assignee?: string | null;
  notes?: { id: string; body: string; author: string; at: Date }[];
}
type OldTicket = TicketDocument & FirstVersionFields;

const MIGRATION_ACTOR = { id: "system:migration", name: "Upgrade" };

/**
 * Brings tickets written by the first version to this one's shape, once per desk, before
 * anything reads them (the start command and every projector process run it; both at once is
 * safe). Per ticket: the notes' bodies go to `messages` first, then one write guarded by the
 * version read moves the ticket over, so a crash in between leaves only messages that the rerun
 * inserts again as duplicates. A free-text assignee that names exactly one person is linked to
 * them; any other is left unassigned with a history entry saying why, which also marks the
 * ticket for projection.
 */
export async function migrateWriteModel(
  db: Db,
  options: { log?: (line: string) => void } = {},
): Promise<number> {
  const cols = collections(db);
  if ((await cols.settings.findOne({ _id: MARKER }))?.value === SCHEMA) return 0;
  const people = await peopleByName(cols);
  let migrated = 0;
  // One pass over the desk, once: the embedded database scans for any filter but `_id`.
  for await (const doc of cols.tickets.find({ messageIds: { $exists: false } })) {
    if (await migrateTicket(cols, doc, people)) migrated++;
    if (migrated > 0 && migrated % 5_000 === 0) options.log?.(`Upgraded ${migrated} tickets…`);
  }
  if (migrated > 0) options.log?.(`Upgraded ${migrated} tickets to conversations.`);
  await cols.settings.updateOne(
    { _id: MARKER },
    { $set: { value: SCHEMA }, $setOnInsert: { createdAt: new Date() } },
    { upsert: true },
  );
  return migrated;
}

async function peopleByName(cols: Collections) {
  const byName = new Map<string, string[]>();
  for await (const person of cols.users.find({}, { projection: { name: 1 } })) {
    byName.set(person.name, [...(byName.get(person.name) ?? []), person._id.toHexString()]);
  }
  return byName;
}

async function migrateTicket(
  cols: Collections,
  first: OldTicket,
  people: Map<string, string[]>,
): Promise<boolean> {
  let doc: OldTicket | null = first;
  while (doc && doc.messageIds === undefined) {
    const ticketId = doc._id.toHexString();
    const notes = doc.notes ?? [];
    await insertMissing(
      cols.messages,
      notes.map((n) =>
        messageDocument(ticketId, {
          id: n.id,
          kind: "note",
          body: n.body,
          author: { name: n.author },
          at: n.at,
        }),
      ),
    );
    const name = doc.assignee ?? null;
    const matches = name === null ? [] : (people.get(name) ?? []);
    const assigneeId = matches.length === 1 ? (matches[0] ?? null) : null;
    const set: Partial<TicketDocument> = {
      customer: doc.customerEmail ? { email: doc.customerEmail.toLowerCase(), name: null } : null,
      assigneeId,
      tags: [],
      messageIds: notes.map((n) => n.id),
      noteCount: notes.length,
      publicCount: 1,
      lastMessageAt: doc.createdAt,
      lastMessageFrom: "customer",
      firstResponseAt: null,
      firstResponderId: null,
      followUpOf: null,
      followUps: [],
    };
    const update: Record<string, unknown> = {
      $set: set,
      $unset: { notes: "", customerEmail: "", assignee: "" },
    };
    if (name !== null && assigneeId === null) {
      const version = doc.version + 1;
      const reason =
        matches.length === 0
          ? "no person of the desk has this name"
          : `${matches.length} people of the desk have this name`;
      const at = new Date(Math.max(Date.now(), doc.updatedAt.getTime()));
      Object.assign(set, { version, updatedAt: at, dirtySince: doc.dirtySince ?? at });
      update.$push = {
        history: historyEntry(
          { type: "AssigneeMigrated", name, to: null, reason },
          { version, at, actor: MIGRATION_ACTOR },
        ),
      };
    }
    const written = await cols.tickets.updateOne({ _id: doc._id, version: doc.version }, update);
    if (written.matchedCount === 1) return true;
    doc = await cols.tickets.findOne({ _id: doc._id });
  }
  return false;
}
