// Writes a bench run: the JSON, a markdown report (tables, ratios, targets) and the latency
// chart; optionally pastes the latest table into docs/benchmarks.md between its markers.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { PROJECT_ROOT } from "../server/db/embedded";
import { ratio } from "./measure";
import type { BenchResult, SizeResult } from "./result";
import type { Side } from "./operations";
import { latencyChart } from "./chart";
import { evaluateTargets } from "./targets";

const show = (n: number | null | undefined, suffix = "") =>
  n === null || n === undefined ? "–" : `${n}${suffix}`;
const kb = (bytes: number | undefined) =>
  bytes === undefined ? "–" : bytes < 10_000 ? `${bytes} B` : `${(bytes / 1024).toFixed(0)} KiB`;

function sizeSection(s: SizeResult): string {
  const rows = [
    "| operation | side | p50 ms | p95 ms | p99 ms | req/s | bytes/resp | errors | CQRS ÷ pre (p50) | app ÷ raw (p50) | measured over |",
    "| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --- |",
  ];
  for (const op of s.ops) {
    for (const side of ["app", "pre", "raw"] as Side[]) {
      const m = op.sides[side];
      if (!m) continue;
      const app = op.sides.app;
      const vsPre = side === "app" ? ratio(app?.p50, op.sides.pre?.p50) : null;
      const vsRaw = side === "app" ? ratio(app?.p50, op.sides.raw?.p50) : null;
      rows.push(
        `| ${side === "app" ? op.label : ""} | ${side} | ${m.p50} | ${m.p95} | ${m.p99} | ${m.throughput} | ${kb(m.bytesPerResponse)} | ${m.non2xx + m.errors} | ${show(vsPre)} | ${show(vsRaw)} | ${m.mode} |`,
      );
    }
  }
  const bytes = s.ops.filter((o) => o.dbBytes);
  const dbRows = bytes.length
    ? [
        "",
        "Bytes a list request reads from the database (BSON, 26 rows): CQRS reads `ticket_list` rows, pre-CQRS whole `tickets` documents.",
        "",
        "| operation | CQRS | pre-CQRS | CQRS ÷ pre |",
        "| --- | --: | --: | --: |",
        ...bytes.map(
          (o) =>
            `| ${o.label} | ${kb(o.dbBytes!.app)} | ${kb(o.dbBytes!.pre)} | ${show(ratio(o.dbBytes!.app, o.dbBytes!.pre))} |`,
        ),
      ]
    : [];
  const { lag, rebuild, memory } = s;
  return [
    `### ${s.size.toLocaleString("en")} tickets`,
    "",
    `${s.tickets.atStart} tickets at the start, ${s.tickets.atEnd} at the end (the command runs add tickets); seeded in ${s.seedSeconds} s.`,
    "",
    ...rows,
    ...dbRows,
    "",
    `- **Projection lag** at ${lag.rate} commands/s for ${lag.seconds} s: p50 ${lag.lagP50} ms, p99 ${lag.lagP99} ms, max ${lag.lagMax} ms; backlog max ${lag.backlogMax}; ${lag.acknowledged}/${lag.sent} commands acknowledged (p50 ${lag.commandP50} ms, p99 ${lag.commandP99} ms), ${lag.failed} failed, ${lag.unfinished} never caught up within 30 s.`,
    `- **Backlog over time** (pending every 500 ms): ${lag.backlog.map((b) => b.pending).join(" ")}`,
    ...(s.push
      ? [
          `- **Webhooks**: ${s.push.webhookRates.map((w) => `to ${w.receivers} receiver${w.receivers > 1 ? "s" : ""} ${w.perSecond} deliveries/s (${w.deliveries} in ${w.seconds} s${w.missing ? `, ${w.missing} missing` : ""})`).join("; ")}; command answer → receiver 2xx during the lag run: p50 ${s.push.webhookLag.p50} ms, p99 ${s.push.webhookLag.p99} ms, max ${s.push.webhookLag.max} ms (${s.push.webhookLag.count} deliveries, ${s.push.webhookLag.missing} missing).`,
          `- **SSE**: ${s.push.sse.clients} clients on one app process (connected in ${s.push.sse.connectSeconds} s), ${s.push.sse.events} events: command answer → each client p50 ${s.push.sse.p50} ms, p99 ${s.push.sse.p99} ms, max ${s.push.sse.max} ms, ${s.push.sse.missing} missed; app peak RSS ${show(s.push.sse.appPeakMB, " MB")}.`,
        ]
      : []),
    ...(s.sla
      ? [
          `- **SLA recompute** after a policy change: ${s.sla.tickets} clocks in ${s.sla.seconds} s (${s.sla.ticketsPerSecond}/s) by the app's projector; app peak RSS ${show(s.sla.appPeakMB, " MB")}.`,
        ]
      : []),
    `- **Rebuild**: ${rebuild.tickets} tickets at ${rebuild.ticketsPerSecond} tickets/s (wall ${rebuild.wallSeconds} s for the whole command), peak RSS ${rebuild.peakRssMB} MB (process tree ${rebuild.peakTreeRssMB} MB).`,
    `- **App RSS**: idle ${show(memory.appIdleMB, " MB")}, under load (max) ${show(memory.appLoadMB, " MB")}; database process idle ${show(memory.dbIdleMB, " MB")}, under load ${show(memory.dbLoadMB, " MB")}.`,
    "",
  ].join("\n");
}

/** p50 per operation and size, app side: the table docs/benchmarks.md shows. */
function summaryTable(r: BenchResult): string {
  const header = `| operation (app p50 ms; CQRS ÷ pre, app ÷ raw) | ${r.sizes.map((s) => s.size.toLocaleString("en")).join(" | ")} |`;
  const lines = [header, `| --- | ${r.sizes.map(() => "--:").join(" | ")} |`];
  for (const op of r.sizes[0]?.ops ?? []) {
    const cells = r.sizes.map((s) => {
      const o = s.ops.find((x) => x.key === op.key);
      const app = o?.sides.app;
      if (!app) return "–";
      const parts = [`${app.p50}`];
      const vsPre = ratio(app.p50, o.sides.pre?.p50);
      const vsRaw = ratio(app.p50, o.sides.raw?.p50);
      if (vsPre !== null) parts.push(`÷pre ${vsPre}`);
      if (vsRaw !== null) parts.push(`÷raw ${vsRaw}`);
      return parts.join("; ");
    });
    lines.push(`| ${op.label} | ${cells.join(" | ")} |`);
  }
  lines.push(
    `| Projection lag p50 / p99 | ${r.sizes.map((s) => `${s.lag.lagP50} / ${s.lag.lagP99}`).join(" | ")} |`,
  );
  if (r.sizes.some((s) => s.push)) {
    lines.push(
      `| Webhooks to 1 / 10 receivers, deliveries/s | ${r.sizes.map((s) => (s.push ? s.push.webhookRates.map((w) => w.perSecond).join(" / ") : "–")).join(" | ")} |`,
    );
    lines.push(
      `| Webhook lag p50 / p99 ms | ${r.sizes.map((s) => (s.push ? `${s.push.webhookLag.p50} / ${s.push.webhookLag.p99}` : "–")).join(" | ")} |`,
    );
    lines.push(
      `| SSE, 200 clients: p50 / p99 ms (app MB) | ${r.sizes.map((s) => (s.push ? `${s.push.sse.p50} / ${s.push.sse.p99} (${show(s.push.sse.appPeakMB)})` : "–")).join(" | ")} |`,
    );
  }
  if (r.sizes.some((s) => s.sla)) {
    lines.push(
      `| SLA recompute tickets/s (app peak MB) | ${r.sizes.map((s) => (s.sla ? `${s.sla.ticketsPerSecond} (${show(s.sla.appPeakMB)})` : "–")).join(" | ")} |`,
    );
  }
  lines.push(
    `| Rebuild tickets/s (peak RSS MB) | ${r.sizes.map((s) => `${s.rebuild.ticketsPerSecond} (${s.rebuild.peakRssMB})`).join(" | ")} |`,
  );
  lines.push(
    `| App RSS idle / load MB | ${r.sizes.map((s) => `${show(s.memory.appIdleMB)} / ${show(s.memory.appLoadMB)}`).join(" | ")} |`,
  );
  return lines.join("\n");
}

/** Which of the requested sizes a run measured, for a run that stopped or is still going. */
function incompleteNote(r: BenchResult): string {
  const measured = r.sizes.map((s) => s.size.toLocaleString("en-US"));
  return `measured ${measured.join(", ") || "no size"} of ${r.options.sizes.map((n) => n.toLocaleString("en-US")).join(", ")} tickets`;
}

function markdown(r: BenchResult, partial: boolean): string {
  const sample = Math.max(...r.options.sizes) < 100_000;
  return [
    `# Benchmark ${r.startedAt}${partial ? ` (incomplete: ${incompleteNote(r)})` : ""}`,
    "",
    ...(sample
      ? [
          `> **Sample run at small sizes (${r.options.sizes.join(", ")} tickets, ${r.options.duration} s per measurement)** — not the reference run; the targets are defined at 100k.`,
          "",
        ]
      : []),
    `- Commit: \`${r.commit}\``,
    `- Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGB} GB, ${r.machine.os}, Node ${r.machine.node}; load average at start ${r.machine.loadAverageAtStart.join(" / ")}`,
    `- Database: ${r.database.kind}, reports MongoDB ${r.database.version}${r.database.ferretdb ? `, FerretDB ${r.database.ferretdb}` : ""}`,
    `- Load: autocannon, ${r.options.connections} connections, ${r.options.duration} s per measurement; lag at ${r.options.lagRate} commands/s for ${r.options.lagSeconds} s`,
    "",
    "## Summary",
    "",
    summaryTable(r),
    "",
    "![p50 latency against ticket count](latency.svg)",
    "",
    "## Targets",
    "",
    evaluateTargets(r),
    "",
    "## Per size",
    "",
    ...r.sizes.map(sizeSection),
  ].join("\n");
}

const DOCS_START = "<!-- bench:latest:start -->";
const DOCS_END = "<!-- bench:latest:end -->";

export async function writeReport(
  r: BenchResult,
  options: { out: string; partial: boolean; updateDocs: boolean },
): Promise<string[]> {
  mkdirSync(options.out, { recursive: true });
  const stamp = r.startedAt.replace(/[:.]/g, "-");
  const base = path.join(options.out, `${stamp}-${r.commit}`);
  const md = markdown(r, options.partial);
  const svg = latencyChart(r);
  writeFileSync(`${base}.json`, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(`${base}.md`, md.replace("(latency.svg)", `(${path.basename(base)}.svg)`));
  writeFileSync(`${base}.svg`, svg);
  writeFileSync(path.join(options.out, "latest.md"), md);
  writeFileSync(path.join(options.out, "latency.svg"), svg);
  const files = [`${base}.json`, `${base}.md`, `${base}.svg`, "latest.md", "latency.svg"];
  if (options.updateDocs) files.push(await updateDocs(r));
  return files;
}

/** Replaces the marked block of docs/benchmarks.md with this run's summary and targets. */
async function updateDocs(r: BenchResult): Promise<string> {
  const file = path.join(PROJECT_ROOT, "docs", "benchmarks.md");
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(DOCS_START);
  const end = text.indexOf(DOCS_END);
  if (start < 0 || end < start) throw new Error(`${file} has no ${DOCS_START} … ${DOCS_END} block`);
  const block = [
    DOCS_START,
    "",
    `Run of ${r.startedAt} at \`${r.commit}\` on ${r.machine.cpu} (${r.machine.cores} cores), ${r.database.kind}${r.sizes.length < r.options.sizes.length ? ` (**incomplete**: ${incompleteNote(r)})` : ""}. Full report: [bench/results/latest.md](../bench/results/latest.md).`,
    "",
    summaryTable(r),
    "",
    "![p50 latency against ticket count](../bench/results/latency.svg)",
    "",
    "#### Targets",
    "",
    evaluateTargets(r),
    "",
    DOCS_END,
  ].join("\n");
  const next = text.slice(0, start) + block + text.slice(end + DOCS_END.length);
  const config = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(next, { ...config, filepath: file }));
  return file;
}
