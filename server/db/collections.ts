import "server-only";
import type { Db } from "mongodb";
import type { TicketDocument } from "@/server/tickets/write-model";
import type { QueueEntry } from "@/server/projections/queue";
import type { ProjectorStatusDocument } from "@/server/projections/status";
import type { TicketListDocument } from "@/server/tickets/queries/ticket-list/document";
import type { ListKeyDocument } from "@/server/tickets/queries/ticket-list/keys";
import type {
  DashboardEntry,
  DashboardInboxItem,
  DashboardSummary,
  DashboardView,
} from "@/server/tickets/queries/dashboard/documents";
import type { TicketDetailDocument } from "@/server/tickets/queries/ticket-detail/document";
import type { ApiTokenDocument } from "@/server/auth/api-tokens";
import type { SessionDocument, SettingDocument } from "@/server/auth/sessions";
import type { UserDocument } from "@/server/auth/users";

/** Every collection the app uses, named once. */
export const COLLECTIONS = {
  tickets: "tickets",
  projectionQueue: "projection_queue",
  projectorStatus: "projection_status",
  registry: "read_model_registry",
  users: "users",
  sessions: "sessions",
  apiTokens: "api_tokens",
  settings: "settings",
  savedViews: "saved_views",
} as const;

/**
 * The read models, rebuilt together into a new generation by `npm run projections:rebuild`.
 * Generation 0 uses these names; generation N appends `_gN`. The registry names the active one.
 */
export const READ_MODELS = {
  ticketList: "ticket_list",
  ticketListKeys: "ticket_list_keys",
  ticketDetail: "ticket_detail",
  dashboardInbox: "dashboard_inbox",
  dashboardEntries: "dashboard_entries",
  dashboardSummary: "dashboard_summary",
  dashboardViews: "dashboard_view",
} as const;

export const readModelName = (name: string, generation: number) =>
  generation === 0 ? name : `${name}_g${generation}`;

/**
 * The shape of the read models. Bumped when a change needs them rebuilt; the start command
 * rebuilds read models of an older shape before serving them (upgradeReadModels).
 * 2: the list's key index (ticket_list_keys) and 1,024 dashboard buckets.
 * 3: the dashboard's inbox, entries, summary and view instead of buckets.
 */
export const READ_MODEL_SCHEMA = 3;

export interface RegistryDocument {
  _id: "active";
  generation: number;
  switchedAt: Date;
  /** READ_MODEL_SCHEMA of the generation; absent: 1. */
  schema?: number;
}

export const collections = (db: Db, generation = 0) => {
  const read = (name: string) => readModelName(name, generation);
  return {
    db,
    generation,
    tickets: db.collection<TicketDocument>(COLLECTIONS.tickets),
    projectionQueue: db.collection<QueueEntry>(COLLECTIONS.projectionQueue),
    projectorStatus: db.collection<ProjectorStatusDocument>(COLLECTIONS.projectorStatus),
    registry: db.collection<RegistryDocument>(COLLECTIONS.registry),
    users: db.collection<UserDocument>(COLLECTIONS.users),
    sessions: db.collection<SessionDocument>(COLLECTIONS.sessions),
    apiTokens: db.collection<ApiTokenDocument>(COLLECTIONS.apiTokens),
    settings: db.collection<SettingDocument>(COLLECTIONS.settings),
    ticketList: db.collection<TicketListDocument>(read(READ_MODELS.ticketList)),
    ticketListKeys: db.collection<ListKeyDocument>(read(READ_MODELS.ticketListKeys)),
    ticketDetail: db.collection<TicketDetailDocument>(read(READ_MODELS.ticketDetail)),
    dashboardInbox: db.collection<DashboardInboxItem>(read(READ_MODELS.dashboardInbox)),
    dashboardEntries: db.collection<DashboardEntry>(read(READ_MODELS.dashboardEntries)),
    dashboardSummary: db.collection<DashboardSummary>(read(READ_MODELS.dashboardSummary)),
    dashboardViews: db.collection<DashboardView>(read(READ_MODELS.dashboardViews)),
  };
};

export type Collections = ReturnType<typeof collections>;
