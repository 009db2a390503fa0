import type { Collection } from "mongodb";
import type { Collections } from "@/server/db/collections";
import { insertMissing, insertOrUpsert } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { writeIfNewer } from "@/server/projections/version-guard";
import type { TicketListDocument } from "@/server/tickets/queries/ticket-list/document";
import {
  listKeyDocumentsOf,
  listKeysOf,
  type ListKeyDocument,
} from "@/server/tickets/queries/ticket-list/keys";

const KEY_FIELDS = {
  status: 1,
  assignee: 1,
  priority: 1,
  hasNote: 1,
  updatedAt: 1,
  version: 1,
} as const;

const KEY_CHUNK = 2_000;

/** Inserts keys; one that is already there (a retry, a second projector) is fine. */
async function insertKeys(keys: Collection<ListKeyDocument>, docs: ListKeyDocument[]) {
  await insertMissing(keys, docs, KEY_CHUNK);
}

async function deleteKeys(keys: Collection<ListKeyDocument>, ids: string[]) {
  for (const chunk of chunks(ids, KEY_CHUNK)) await keys.deleteMany({ _id: { $in: chunk } });
}

/**
 * Writes a ticket's list row and its keys (see ticket-list/keys.ts): the new keys first, then
 * the row with its version guard, then the old row's keys. So a reader always finds a live key
 * for the row, whichever step a crash interrupts; what a crash leaves behind is only keys of
 * older versions, which readers skip and delete.
 */
export async function projectListRow(cols: Collections, row: TicketListDocument): Promise<void> {
  const old = await cols.ticketList.findOne({ _id: row._id }, { projection: KEY_FIELDS });
  if (old && old.version >= row.version) return; // this version (or a newer one) is there
  const keys = listKeysOf(row);
  await insertKeys(cols.ticketListKeys, listKeyDocumentsOf(row));
  if ((await writeIfNewer(cols.ticketList, row)) === "stale") {
    // Another projector got there first. If it wrote a newer version, our keys are dead now;
    // if it wrote this same version, they are its keys too and must stay.
    const stored = await cols.ticketList.findOne({ _id: row._id }, { projection: { version: 1 } });
    if (stored && stored.version > row.version) await deleteKeys(cols.ticketListKeys, keys);
    return;
  }
  if (old) await deleteKeys(cols.ticketListKeys, listKeysOf({ ...old, _id: row._id }));
}

/** The same for many rows, in four round trips. */
export async function projectListRows(
  target: Collections,
  rows: TicketListDocument[],
): Promise<void> {
  if (rows.length === 0) return;
  const olds = new Map<string, Pick<TicketListDocument, keyof typeof KEY_FIELDS | "_id">>();
  for (const chunk of chunks(rows, KEY_CHUNK)) {
    const found = target.ticketList.find(
      { _id: { $in: chunk.map((r) => r._id) } },
      { projection: KEY_FIELDS },
    );
    for await (const old of found) olds.set(old._id.toHexString(), old);
  }
  const fresh = rows.filter((row) => {
    const old = olds.get(row._id.toHexString());
    return !old || old.version < row.version;
  });
  await insertKeys(target.ticketListKeys, fresh.flatMap(listKeyDocumentsOf));
  await insertOrUpsert(target.ticketList, fresh);
  const retired: string[] = [];
  for (const row of fresh) {
    const old = olds.get(row._id.toHexString());
    if (old) retired.push(...listKeysOf(old));
  }
  await deleteKeys(target.ticketListKeys, retired);
}
