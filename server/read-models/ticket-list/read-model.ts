import { documentVerifier, versionsById } from "@/server/projections/document-verifier";
import type { ReadModel } from "@/server/read-models/read-model";
import {
  TICKET_LIST_INDEXES,
  ticketListCollections,
} from "@/server/read-models/ticket-list/collections";
import { toTicketListDocument } from "@/server/read-models/ticket-list/document";
import { listKeysOf } from "@/server/read-models/ticket-list/keys";
import { projectListRow, projectListRows } from "@/server/read-models/ticket-list/project";

const KEY_CHECK_BATCH = 1_000;

/** The ticket list: one row per ticket, and its ordered key index (keys.ts). */
export const ticketListReadModel: ReadModel = {
  name: "ticket_list",
  collections: TICKET_LIST_INDEXES,
  project: (target, ticket, now) => projectListRow(target, toTicketListDocument(ticket, now)),
  projectMany: (target, tickets, now) =>
    projectListRows(
      target,
      tickets.map((t) => toTicketListDocument(t, now)),
    ),
  versionsOf: (target, ids) => versionsById(ticketListCollections(target).rows, ids),
  async verifier(target) {
    const { rows, keys } = ticketListCollections(target);
    const documents = await documentVerifier("ticket_list", rows, toTicketListDocument);
    // Every key of a right row must be there: checked a batch at a time with one `_id $in`
    // read, so nothing per ticket is kept.
    let owed: { ticketId: string; key: string }[] = [];
    const missing: { ticketId: string; key: string }[] = [];
    const checkKeys = async () => {
      const found = new Set(
        (
          await keys
            .find({ _id: { $in: owed.map((k) => k.key) } }, { projection: { _id: 1 } })
            .toArray()
        ).map((k) => k._id),
      );
      missing.push(...owed.filter(({ key }) => !found.has(key)));
      owed = [];
    };
    return {
      async check(ticket) {
        if (!(await documents.matches(ticket))) return;
        const ticketId = ticket._id.toHexString();
        for (const key of listKeysOf(toTicketListDocument(ticket, ticket.updatedAt)))
          owed.push({ ticketId, key });
        if (owed.length >= KEY_CHECK_BATCH) await checkKeys();
      },
      async finish() {
        await checkKeys();
        return [
          ...(await documents.finish()),
          ...missing.map(({ ticketId, key }) => ({
            readModel: "ticket_list",
            kind: "missing" as const,
            ticketId,
            detail: `no list key ${key}`,
          })),
        ];
      },
    };
  },
};
