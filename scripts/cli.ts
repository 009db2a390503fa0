// What the operator scripts share: run a main, print a message (not a stack) on failure, and
// close the database either way.
import { closeDb } from "../server/db/client";
import { ValidationError } from "../server/tickets/domain/errors";

export class UsageError extends Error {}

export function runCli(main: () => Promise<number>) {
  main()
    .then(async (code) => {
      await closeDb();
      process.exit(code);
    })
    .catch(async (error: unknown) => {
      if (error instanceof ValidationError) {
        const fields = Object.values(error.fieldErrors).flat();
        console.error(fields.length > 0 ? fields.join("\n") : error.message);
      } else {
        console.error(error instanceof Error ? error.message : String(error));
      }
      await closeDb().catch(() => undefined);
      process.exit(error instanceof UsageError || error instanceof ValidationError ? 1 : 2);
    });
}
