// The people the end-to-end tests act as, created by the global set-up with `npm run users`.
import type { LaunchOptions } from "@playwright/test";

export const E2E_ACCOUNTS = {
  agent: {
    email: "aisha@desk.test",
    name: "Aisha Khan",
    role: "agent",
    password: "e2e agent password",
  },
  lead: {
    email: "lena@desk.test",
    name: "Lena Vogel",
    role: "lead",
    password: "e2e lead password",
  },
} as const;

/** More people of the desk, who never sign in during the tests: someone else to assign to. */
export const E2E_COLLEAGUES = [
  { email: "mateo@desk.test", name: "Mateo García", role: "agent", password: "e2e colleague one" },
  { email: "yoko@desk.test", name: "Yōko Tanaka", role: "lead", password: "e2e colleague two" },
] as const;

/** No one signed in: for a test, a context or a request context that starts signed out. */
export const SIGNED_OUT = { cookies: [], origins: [] };

/** Each person's signed-in browser state; tests pick one with `test.use({ storageState })`. */
export const STORAGE_STATE = {
  agent: "test-results/.auth/agent.json",
  lead: "test-results/.auth/lead.json",
} as const;

/** Debian's Chromium with the flags this machine needs. */
export const CHROMIUM_LAUNCH: LaunchOptions = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/** Headers for calling the API as a system (not as the signed-in person). */
export const bearer = (scope: "read" | "write") => ({
  authorization: `Bearer ${scope === "read" ? process.env.E2E_READ_TOKEN : process.env.E2E_WRITE_TOKEN}`,
});
