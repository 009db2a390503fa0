import { FEED_COLLECTIONS } from "@/server/events/collections";
import { getCollections } from "@/server/db/client";
import { COLLECTIONS, type Collections } from "@/server/db/collections";
import { dashboardCollections } from "@/server/read-models/dashboard/collections";
import { ticketDetailCollection } from "@/server/read-models/ticket-detail/collections";
import { ticketListCollections } from "@/server/read-models/ticket-list/collections";
import { conversationCollections } from "@/server/read-models/conversation/collections";
import { customerCollections } from "@/server/read-models/customers/collections";
import { readModelCollectionNames } from "@/server/read-models/registry";
import { readCollection } from "@/server/db/generations";

/** The write side and every read model's collections in one object, for tests to inspect. */
export function withReadModels(cols: Collections) {
  const list = ticketListCollections(cols);
  const dashboard = dashboardCollections(cols);
  return {
    ...cols,
    ticketList: list.rows,
    ticketListKeys: list.keys,
    ticketDetail: ticketDetailCollection(cols),
    dashboardInbox: dashboard.inbox,
    dashboardEntries: dashboard.entries,
    dashboardSummary: dashboard.summary,
    dashboardViews: dashboard.views,
    conversationEntries: conversationCollections(cols).entries,
    conversationHeads: conversationCollections(cols).heads,
    customerTickets: customerCollections(cols).tickets,
    customers: customerCollections(cols).customers,
    customerKeys: customerCollections(cols).keys,
  };
}

/** Empties the write model and every read model: a desk with nothing on it. */
export async function emptyDesk(cols: Collections): Promise<void> {
  await Promise.all([
    cols.tickets.deleteMany({}),
    cols.messages.deleteMany({}),
    cols.projectionQueue.deleteMany({}),
    cols.db.collection(COLLECTIONS.slaPolicies).deleteMany({}),
    ...readModelCollectionNames().map((name) => readCollection(cols, name).deleteMany({})),
    // The event feed is no generation's: its collections have names of their own.
    ...Object.values(FEED_COLLECTIONS).map((name) => cols.db.collection(name).deleteMany({})),
  ]);
}
export type TestCollections = ReturnType<typeof withReadModels>;

/** The active generation's collections, read models included. */
export const testCollections = async () => withReadModels(await getCollections());
