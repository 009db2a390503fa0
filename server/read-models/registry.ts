import { eventFeedReadModel } from "@/server/events/read-model";
import { conversationReadModel } from "@/server/read-models/conversation/read-model";
import { customersReadModel } from "@/server/read-models/customers/read-model";
import { dashboardReadModel } from "@/server/read-models/dashboard/read-model";
import type { ReadModel } from "@/server/read-models/read-model";
import { ticketDetailReadModel } from "@/server/read-models/ticket-detail/read-model";
import { ticketListReadModel } from "@/server/read-models/ticket-list/read-model";
import { ticketSearchReadModel } from "@/server/read-models/ticket-list/search/read-model";
import { slaReadModel } from "@/server/read-models/sla/read-model";

/**
 * Every read model, for the projector machinery: projection, catch-up, rebuild, verify and index
 * creation all go through this list. Adding a read model is a folder and one line here
 * (docs/architecture.md, "How to add a read model").
 */
export const READ_MODELS: readonly ReadModel[] = [
  ticketSearchReadModel,
  ticketListReadModel,
  ticketDetailReadModel,
  conversationReadModel,
  customersReadModel,
  dashboardReadModel,
  slaReadModel,
  eventFeedReadModel,
];

/**
 * The shape of the read models. Bumped when a change needs them rebuilt; the start command
 * rebuilds read models of an older shape before serving them (upgradeReadModels).
 * 2: the list's key index (ticket_list_keys) and 1,024 dashboard buckets.
 * 3: the dashboard's inbox, entries, summary and view instead of buckets.
 * 4: conversations, customers, tags and people's ids (issue 14).
 * 5: the dashboard counts tags, tickets awaiting a reply and first response times.
 * 6: the search's word index (ticket_search_words, issue 14 point 7).
 * 7: customers (customer_tickets, customers, customer_keys).
 * 8: the event feed (issue 15): the rebuild stages every ticket's history into it.
 * 9: search word keys filed by hour (`<word>|<hour>|<ticket>`), words kept as one text field.
 * 10: filed by minute instead: a busy hour held thousands of one word's keys (docs/benchmarks.md).
 * 11: SLA clocks (sla_clocks, sla_due_keys, sla_timers; issue 16).
 */
export const READ_MODEL_SCHEMA = 11;

/** Every read-model collection's base name (generation 0). */
export const readModelCollectionNames = () =>
  READ_MODELS.flatMap((model) => Object.keys(model.collections));
