import type { Metadata } from "next";
import { listApiTokens } from "@/server/auth/api-tokens";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/server/auth/require";
import { NewTokenForm } from "@/app/admin/_components/new-token-form";
import { TokensTable } from "@/app/admin/_components/tokens-table";

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
      <Panel aria-labelledby="new-token">
        <h2 id="new-token" className="mb-3 text-lg font-semibold">
          New token
        </h2>
        <NewTokenForm />
      </Panel>
      <section aria-labelledby="all-tokens">
        <h2 id="all-tokens" className="mb-3 text-lg font-semibold">
          Tokens
        </h2>
        <TokensTable tokens={tokens} />
      </section>
    </div>
  );
}
