import {
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from "mongodb";

export const isDuplicateKey = (error: unknown) =>
  error instanceof MongoServerError && error.code === 11000;

// Server codes that mean "the server is going away or changing roles", not "this request is bad".
const TRANSIENT_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

// Socket errors the driver sometimes passes on raw (a write to a socket the server just closed
// rejects with Node's EPIPE, not a MongoNetworkError).
const TRANSIENT_SOCKET_CODES = new Set([
  "EPIPE",
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "ENOTCONN",
  "EHOSTUNREACH",
]);

/** An operation that never settled; see Projector (a driver call on a closed connection). */
export class OperationStuckError extends Error {
  override readonly name = "OperationStuckError";
}

const TRANSIENT_NAMES = new Set([
  "OperationStuckError",
  "MongoClientClosedError",
  "MongoOperationTimeoutError",
  "PoolClosedError",
  "WaitQueueTimeoutError",
]);

/**
 * The database is unreachable or in transition: retry later. Such failures are never a
 * ticket's fault (they must not dead-letter it) and never a client's (they are a 503).
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoServerClosedError
  ) {
    return true;
  }
  if (error instanceof MongoError) {
    if (error.hasErrorLabel("RetryableWriteError") || error.hasErrorLabel("ResetPool")) return true;
    if (typeof error.code === "number" && TRANSIENT_CODES.has(error.code)) return true;
  }
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && TRANSIENT_SOCKET_CODES.has(code)) return true;
  return TRANSIENT_NAMES.has(error.name);
}
