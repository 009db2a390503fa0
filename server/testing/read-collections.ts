import { getCollections } from "@/server/db/client";
import type { Collections } from "@/server/db/collections";
import { dashboardCollections } from "@/server/read-models/dashboard/collections";
import { ticketDetailCollection } from "@/server/read-models/ticket-detail/collections";
import { ticketListCollections } from "@/server/read-models/ticket-list/collections";

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
  };
}
export type TestCollections = ReturnType<typeof withReadModels>;

/** The active generation's collections, read models included. */
export const testCollections = async () => withReadModels(await getCollections());
