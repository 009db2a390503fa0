import { insertOrUpsert } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { documentVerifier, versionsById } from "@/server/projections/document-verifier";
import { writeIfNewer } from "@/server/projections/version-guard";
import type { ReadModel } from "@/server/read-models/read-model";
import {
  TICKET_DETAIL_INDEXES,
  ticketDetailCollection,
} from "@/server/read-models/ticket-detail/collections";
import { toTicketDetailDocument } from "@/server/read-models/ticket-detail/document";

/** One document per ticket page, written with the version guard. */
export const ticketDetailReadModel: ReadModel = {
  name: "ticket_detail",
  collections: TICKET_DETAIL_INDEXES,
  async project(target, ticket, now) {
    await writeIfNewer(ticketDetailCollection(target), toTicketDetailDocument(ticket, now));
  },
  async projectMany(target, tickets, now) {
    const details = ticketDetailCollection(target);
    // Only details that are missing or older: a statement that changes nothing is an error on
    // the embedded database (the guarded upsert collides), and costs a write everywhere.
    const versions = new Map<string, number>();
    for (const chunk of chunks(tickets)) {
      for (const [id, version] of await versionsById(
        details,
        chunk.map((t) => t._id),
      )) {
        versions.set(id, version);
      }
    }
    await insertOrUpsert(
      details,
      tickets
        .filter((t) => (versions.get(t._id.toHexString()) ?? 0) < t.version)
        .map((t) => toTicketDetailDocument(t, now)),
    );
  },
  versionsOf: (target, ids) => versionsById(ticketDetailCollection(target), ids),
  verifier: (target) =>
    documentVerifier("ticket_detail", ticketDetailCollection(target), toTicketDetailDocument),
};
