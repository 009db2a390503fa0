import { createUser, findUserByEmail } from "@/server/auth/users";
import type { Role } from "@/server/auth/types";

/** Known accounts for trying the desk out; created only in demo mode (SEED_DEMO not false). */
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; password: string }[] = [
  { email: "agent@desk.test", name: "Aisha Khan", role: "agent", password: "demo-agent-password" },
  { email: "lead@desk.test", name: "Lena Vogel", role: "lead", password: "demo-lead-password" },
];

/** Creates the demo accounts that are missing; never touches an existing account. */
export async function ensureDemoAccounts(): Promise<typeof DEMO_ACCOUNTS> {
  for (const account of DEMO_ACCOUNTS) {
    if (!(await findUserByEmail(account.email))) await createUser(account);
  }
  return DEMO_ACCOUNTS;
}
