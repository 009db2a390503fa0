import type { Metadata } from "next";
import { requireUser } from "@/server/auth/require";
import { getSlaPolicyHistory, getSlaPolicyView } from "@/server/sla/policy-view";
import { utcText } from "@/components/sla-time";
import { SlaHistory } from "@/app/admin/_components/sla-history";
import { SlaPolicyForm } from "@/app/admin/_components/sla-policy-form";

export const metadata: Metadata = { title: "SLA policy" };
export const dynamic = "force-dynamic";

/** The zones this server knows (luxon checks a saved one against the same ICU data). */
function timeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export default async function SlaPolicyPage() {
  await requireUser("admin", "/admin/sla");
  const [view, history] = await Promise.all([getSlaPolicyView(), getSlaPolicyHistory()]);
  return (
    <div className="grid grid-cols-1 gap-6">
      <div>
        <h1 className="text-2xl font-semibold">SLA policy</h1>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          What the desk promises customers, per priority, counted in working time. Every ticket
          carries clocks for these targets; a ticket that has used 80% of a target is at risk, and
          the desk records a warning and, when it passes, a breach on the ticket by itself.
        </p>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="sla-current">
          {view.version === 0
            ? "No policy has been saved yet."
            : `In force: version ${view.version}, saved by ${view.updatedBy ?? "someone"}${
                view.updatedAt ? ` on ${utcText(view.updatedAt)}` : ""
              }.`}
        </p>
      </div>
      <SlaPolicyForm
        policy={view}
        status={{ version: view.version, recompute: view.recompute }}
        timeZones={timeZones()}
      />
      <section aria-labelledby="sla-versions">
        <h2 id="sla-versions" className="mb-3 text-lg font-semibold">
          Versions ({history.items.length})
        </h2>
        <SlaHistory versions={history.items} />
      </section>
    </div>
  );
}
