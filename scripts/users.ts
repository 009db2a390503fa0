// `npm run users -- <command>`: manage the people who can sign in.
//   create --email E --role agent|lead [--name N] [--password P]
//          Without --password it asks for one on a terminal, or generates and prints one.
//   list
//   deactivate --email E      (ends their sessions at once)
//   activate --email E
//   reset-password --email E [--password P]
// Uses MONGODB_URI, or the embedded database of a running app.
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { runCli, UsageError } from "./cli";
import {
  createUser,
  findUserByEmail,
  listUsers,
  newUserInput,
  resetPassword,
  setUserActive,
} from "../server/auth/users";
import { PASSWORD_MIN } from "../server/auth/passwords";
import { ValidationError } from "../server/tickets/domain/errors";
import { fieldErrorsOf } from "../server/http/validation";

const USAGE =
  "usage: npm run users -- create --email E --role agent|lead [--name N] [--password P]\n" +
  "       npm run users -- list | deactivate --email E | activate --email E | reset-password --email E [--password P]";

/** Asks for a password on a terminal without echoing it; generates one otherwise. */
async function obtainPassword(
  given: string | undefined,
): Promise<{ password: string; generated: boolean }> {
  if (given !== undefined) return { password: given, generated: false };
  if (!process.stdin.isTTY) {
    return { password: randomBytes(18).toString("base64url"), generated: true };
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Mute the echo of what is typed after the prompt.
  const output = rl as unknown as { _writeToOutput?: (s: string) => void };
  let muted = false;
  const write = output._writeToOutput?.bind(rl);
  output._writeToOutput = (s: string) => {
    if (!muted || s.includes("\n")) write?.(muted ? "\n" : s);
  };
  const ask = async (prompt: string) => {
    muted = false;
    process.stdout.write(prompt);
    muted = true;
    return rl.question("");
  };
  try {
    const first = await ask(
      `Password (at least ${PASSWORD_MIN} characters, empty to generate one): `,
    );
    if (first === "") return { password: randomBytes(18).toString("base64url"), generated: true };
    const second = await ask("Repeat the password: ");
    if (first !== second) throw new UsageError("The passwords do not match.");
    return { password: first, generated: false };
  } finally {
    rl.close();
  }
}

async function userByEmail(email: string | undefined) {
  if (!email) throw new UsageError(`--email is required\n${USAGE}`);
  const user = await findUserByEmail(email);
  if (!user) throw new UsageError(`No account has the email ${email}.`);
  return user;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
    },
  });
  const [command] = positionals;
  switch (command ?? "") {
    case "create": {
      const { password, generated } = await obtainPassword(values.password);
      const email = values.email ?? "";
      const parsed = newUserInput.safeParse({
        email,
        role: values.role,
        name: values.name ?? email.split("@")[0],
        password,
      });
      if (!parsed.success) {
        throw new ValidationError("Invalid account.", fieldErrorsOf(parsed.error));
      }
      const user = await createUser(parsed.data);
      console.log(`Created ${user.role} ${user.name} <${user.email}>.`);
      if (generated) console.log(`Password (shown once): ${password}`);
      return 0;
    }
    case "list": {
      for (const user of await listUsers()) {
        console.log(
          `${user.email}\t${user.role}\t${user.active ? "active" : "deactivated"}\t${user.name}`,
        );
      }
      return 0;
    }
    case "deactivate":
    case "activate": {
      const user = await userByEmail(values.email);
      await setUserActive(user._id.toHexString(), command === "activate");
      console.log(
        command === "activate"
          ? `${user.email} can sign in again.`
          : `${user.email} is deactivated; their sessions have ended.`,
      );
      return 0;
    }
    case "reset-password": {
      const user = await userByEmail(values.email);
      const { password, generated } = await obtainPassword(values.password);
      await resetPassword(user._id.toHexString(), password);
      console.log(`New password set for ${user.email}; their sessions have ended.`);
      if (generated) console.log(`Password (shown once): ${password}`);
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}

runCli(main);
