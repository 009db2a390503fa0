import "server-only";
import type { Db } from "mongodb";
import type {
  ApiTokenDocument,
  SessionDocument,
  SettingDocument,
  UserDocument,
} from "@/server/auth/documents";
import type {
  ProjectorStatusDocument,
  QueueEntry,
  RegistryDocument,
} from "@/server/projections/documents";
import type { MessageDocument, TicketDocument } from "@/server/tickets/write-model";

/**
 * The collections of the write side, named once. The read models name their own collections,
 * in their folders under server/read-models/, and are reached through the registry there.
 */
export const COLLECTIONS = {
  tickets: "tickets",
  messages: "messages",
  projectionQueue: "projection_queue",
  projectorStatus: "projection_status",
  registry: "read_model_registry",
  users: "users",
  sessions: "sessions",
  apiTokens: "api_tokens",
  settings: "settings",
  savedViews: "saved_views",
  savedReplies: "saved_replies",
  /** Every version of the SLA policy, `_id` its version as 9 digits (server/sla/policy.ts). */
  slaPolicies: "sla_policies",
  /** Who has which ticket open: ephemeral (server/presence/). */
  presence: "presence",
} as const;

/** The write side's collections, with the read-model generation that reads use now. */
export const collections = (db: Db, generation = 0) => ({
  db,
  generation,
  tickets: db.collection<TicketDocument>(COLLECTIONS.tickets),
  messages: db.collection<MessageDocument>(COLLECTIONS.messages),
  projectionQueue: db.collection<QueueEntry>(COLLECTIONS.projectionQueue),
  projectorStatus: db.collection<ProjectorStatusDocument>(COLLECTIONS.projectorStatus),
  registry: db.collection<RegistryDocument>(COLLECTIONS.registry),
  users: db.collection<UserDocument>(COLLECTIONS.users),
  sessions: db.collection<SessionDocument>(COLLECTIONS.sessions),
  apiTokens: db.collection<ApiTokenDocument>(COLLECTIONS.apiTokens),
  settings: db.collection<SettingDocument>(COLLECTIONS.settings),
});

export type Collections = ReturnType<typeof collections>;
