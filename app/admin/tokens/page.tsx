import type { Metadata } from "next";
import { listApiTokens } from "@/server/auth/api-tokens";
import { requireUser } from "@/server/auth/require";
import { NewTokenForm, TokensTable } from "@/app/admin/_components/tokens-admin";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requireUser("admin", "/admin/tokens");
  const tokens = await listApiTokens();
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          Other systems call the API with <code>Authorization: Bearer &lt;token&gt;</code>. A read
          token can read tickets and the dashboard; a write token can also change tickets.
        </p>
      </div>
      <section
        aria-labelledby="new-token"
        className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="new-token" className="mb-3 text-lg font-semibold">
          New token
        </h2>
        <NewTokenForm />
      </section>
      <section aria-labelledby="all-tokens">
        <h2 id="all-tokens" className="mb-3 text-lg font-semibold">
          Tokens
        </h2>
        <TokensTable tokens={tokens} />
      </section>
    </div>
  );
}
