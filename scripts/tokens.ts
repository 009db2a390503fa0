// `npm run tokens -- <command>`: manage API tokens.
//   create --name N --scope read|write    prints the token once
//   list
//   revoke --id ID
// Uses MONGODB_URI, or the embedded database of a running app.
import { parseArgs } from "node:util";
import { runCli, UsageError } from "./cli";
import {
  createApiToken,
  listApiTokens,
  newTokenInput,
  revokeApiToken,
} from "../server/auth/api-tokens";
import { ValidationError } from "../server/tickets/domain/errors";
import { fieldErrorsOf } from "../server/http/validation";

const USAGE =
  "usage: npm run tokens -- create --name N --scope read|write\n" +
  "       npm run tokens -- list | revoke --id ID";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: "string" }, scope: { type: "string" }, id: { type: "string" } },
  });
  switch (positionals[0] ?? "") {
    case "create": {
      const parsed = newTokenInput.safeParse({ name: values.name, scope: values.scope });
      if (!parsed.success) throw new ValidationError("Invalid token.", fieldErrorsOf(parsed.error));
      const { token, view } = await createApiToken(parsed.data, "operator (command line)");
      console.log(`Created ${view.scope} token "${view.name}" (id ${view.tokenId}).`);
      console.log("Store it now; it is not shown again:");
      console.log(token);
      return 0;
    }
    case "list": {
      for (const t of await listApiTokens()) {
        const state = t.revokedAt ? `revoked ${t.revokedAt}` : "active";
        console.log(
          `${t.tokenId}\t${t.scope}\t${state}\t${t.prefix}…\tlast used ${t.lastUsedAt ?? "never"}\t${t.name}`,
        );
      }
      return 0;
    }
    case "revoke": {
      if (!values.id) throw new UsageError(`--id is required\n${USAGE}`);
      await revokeApiToken(values.id);
      console.log(`Token ${values.id} is revoked.`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}

runCli(main);
