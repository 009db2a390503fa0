import { MongoServerError } from "mongodb";
import { isDuplicateKey } from "@/server/db/errors";
import { ConflictError, DomainError } from "@/server/tickets/domain/errors";

export class SavedReplyNotFoundError extends DomainError {
  readonly kind = "not-found";
  constructor(id: string) {
    super(`Saved reply ${id.slice(0, 100)} was not found.`);
  }
}

const DUPLICATE_NAME = "A saved reply with this name already exists.";

// MongoDB refuses an insert or an update that breaks a unique index with code 11000. The
// embedded database (FerretDB 1.24 on SQLite) does so for inserts, but an update answers
// InternalError (code 1) with SQLite's own message, which names the index.
const breaksNameIndex = (error: unknown) =>
  isDuplicateKey(error) ||
  (error instanceof MongoServerError &&
    /UNIQUE constraint failed: index '[^']*saved_replies_name'/.test(error.message));

/** A write refused by the unique name index is a name already taken, beside the name field. */
export function asDuplicateName(error: unknown): unknown {
  return breaksNameIndex(error)
    ? new ConflictError(DUPLICATE_NAME, { name: [DUPLICATE_NAME] })
    : error;
}
