import type { Collection } from "mongodb";
import type { ReadTarget } from "@/server/db/generations";
import { insertMissing, insertOrUpsert } from "@/server/projections/bulk-writes";
import { chunks } from "@/server/projections/chunks";
import { writeIfNewer } from "@/server/projections/version-guard";
import { ticketListCollections } from "@/server/read-models/ticket-list/collections";
import type { TicketListDocument } from "@/server/read-models/ticket-list/document";
import {
  KEY_FIELDS,
  listKeyDocumentsOf,
  listKeysOf,
  type ListKeyDocument,
} from "@/server/read-models/ticket-list/keys";

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
export async function projectListRow(target: ReadTarget, row: TicketListDocument): Promise<void> {
  const cols = ticketListCollections(target);
  const old = await cols.rows.findOne({ _id: row._id }, { projection: KEY_FIELDS });
  if (old && old.version >= row.version) return; // this version (or a newer one) is there
  const keys = listKeysOf(row);
  await insertKeys(cols.keys, listKeyDocumentsOf(row));
  if ((await writeIfNewer(cols.rows, row)) === "stale") {
    // Another projector got there first. If it wrote a newer version, our keys are dead now;
    // if it wrote this same version, they are its keys too and must stay.
    const stored = await cols.rows.findOne({ _id: row._id }, { projection: { version: 1 } });
    if (stored && stored.version > row.version) await deleteKeys(cols.keys, keys);
    return;
  }
  if (old) await deleteKeys(cols.keys, listKeysOf({ ...old, _id: row._id }));
}

/** The same for many rows, in four round trips. */
export async function projectListRows(
  target: ReadTarget,
  rows: TicketListDocument[],
): Promise<void> {
  if (rows.length === 0) return;
  const cols = ticketListCollections(target);
  const olds = new Map<string, Pick<TicketListDocument, keyof typeof KEY_FIELDS | "_id">>();
  for (const chunk of chunks(rows, KEY_CHUNK)) {
    const found = cols.rows.find(
      { _id: { $in: chunk.map((r) => r._id) } },
      { projection: KEY_FIELDS },
    );
    for await (const old of found) olds.set(old._id.toHexString(), old);
  }
  const fresh = rows.filter((row) => {
    const old = olds.get(row._id.toHexString());
    return !old || old.version < row.version;
  });
  await insertKeys(cols.keys, fresh.flatMap(listKeyDocumentsOf));
  await insertOrUpsert(cols.rows, fresh);
  const retired: string[] = [];
  for (const row of fresh) {
    const old = olds.get(row._id.toHexString());
    if (old) retired.push(...listKeysOf(old));
  }
  await deleteKeys(cols.keys, retired);
}
