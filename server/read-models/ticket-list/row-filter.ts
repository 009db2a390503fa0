import type { TicketListDocument } from "@/server/read-models/ticket-list/document";
import { DAY_RANGES, type ListTicketsQuery } from "@/server/read-models/ticket-list/query";

/** The whole filter, checked on each row read through a facet. */
export function rowFilter(
  query: ListTicketsQuery,
  assigneeId: string | undefined,
  firstResponderId: string | undefined,
): (row: TicketListDocument) => boolean {
  const ranges = DAY_RANGES.flatMap(([name, field]) => {
    const range = dayRange(query[`${name}From`], query[`${name}To`]);
    return range ? [{ field, range }] : [];
  });
  return (row) =>
    (!query.status || query.status.includes(row.status)) &&
    (assigneeId === undefined || row.assigneeId === assigneeId) &&
    (query.unassigned === undefined || (row.assigneeId === null) === query.unassigned) &&
    (query.customer === undefined || row.customer?.email === query.customer) &&
    (query.tag === undefined || row.tags.includes(query.tag)) &&
    (query.awaitingReply === undefined || row.awaitingReply === query.awaitingReply) &&
    (!query.priority || row.priority === query.priority) &&
    (query.hasNote === undefined || row.hasNote === query.hasNote) &&
    (firstResponderId === undefined || row.firstResponderId === firstResponderId) &&
    ranges.every(({ field, range }) => {
      const at = row[field]?.getTime();
      return (
        at !== undefined &&
        (range.$gte === undefined || at >= range.$gte.getTime()) &&
        (range.$lt === undefined || at < range.$lt.getTime())
      );
    });
}

const DAY_MS = 86_400_000;

/** From the start of `from` to the end of `to` (UTC), as a half-open range; none when neither. */
function dayRange(from: string | undefined, to: string | undefined) {
  if (!from && !to) return null;
  const range: { $gte?: Date; $lt?: Date } = {};
  if (from) range.$gte = new Date(`${from}T00:00:00.000Z`);
  if (to) range.$lt = new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS);
  return range;
}
