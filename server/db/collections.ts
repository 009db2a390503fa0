import "server-only";
import type { Db } from "mongodb";
import type { TicketDocument } from "@/server/tickets/write-model";
import type { QueueEntry } from "@/server/projections/queue";
import type { ProjectorStatusDocument } from "@/server/projections/status";
import type { TicketListDocument } from "@/server/tickets/queries/ticket-list/document";
import type {
  DashboardBucket,
  DashboardBucketSync,
  DashboardSummary,
} from "@/server/tickets/queries/dashboard/documents";
import type { TicketDetailDocument } from "@/server/tickets/queries/ticket-detail/document";

/** Every collection the app uses, named once. */
export const COLLECTIONS = {
  tickets: "tickets",
  projectionQueue: "projection_queue",
  ticketList: "ticket_list",
  ticketDetail: "ticket_detail",
  dashboardBuckets: "dashboard_buckets",
  dashboardSyncs: "dashboard_bucket_syncs",
  dashboardSummary: "dashboard",
  projectorStatus: "projection_status",
} as const;

export const collections = (db: Db) => ({
  tickets: db.collection<TicketDocument>(COLLECTIONS.tickets),
  projectionQueue: db.collection<QueueEntry>(COLLECTIONS.projectionQueue),
  ticketList: db.collection<TicketListDocument>(COLLECTIONS.ticketList),
  ticketDetail: db.collection<TicketDetailDocument>(COLLECTIONS.ticketDetail),
  dashboardBuckets: db.collection<DashboardBucket>(COLLECTIONS.dashboardBuckets),
  dashboardSyncs: db.collection<DashboardBucketSync>(COLLECTIONS.dashboardSyncs),
  dashboardSummary: db.collection<DashboardSummary>(COLLECTIONS.dashboardSummary),
  projectorStatus: db.collection<ProjectorStatusDocument>(COLLECTIONS.projectorStatus),
});

export type Collections = ReturnType<typeof collections>;
