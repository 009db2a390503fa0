// The targets, evaluated on the largest size of a run (they are stated for 100k on the
// embedded database) against the smallest size where a target compares sizes.
import { ratio } from "./measure";
import { FEED_PAGE } from "./operations";
import type { BenchResult, SizeResult } from "./result";

interface Check {
  target: string;
  met: boolean | null;
  figures: string;
}

const op = (s: SizeResult | undefined, key: string) => s?.ops.find((o) => o.key === key);

function checkTargets(r: BenchResult): Check[] {
  const big = r.sizes.at(-1);
  const small = r.sizes[0];
  if (!big || !small) return [];
  const checks: Check[] = [];
  const at = `at ${big.size.toLocaleString("en")}`;

  for (const o of big.ops.filter(
    (x) => x.key.startsWith("list.") && !["list.page20", "list.q2", "list.sla_due"].includes(x.key),
  )) {
    const speedup = ratio(o.sides.pre?.p50, o.sides.app?.p50);
    const bytes = o.dbBytes ? ratio(o.dbBytes.app, o.dbBytes.pre) : null;
    checks.push({
      target: `${o.label}: p50 ≥ 5× lower than pre-CQRS, bytes ≤ 20% ${at}`,
      met: speedup === null || bytes === null ? null : speedup >= 5 && bytes <= 0.2,
      figures: `app ${o.sides.app?.p50} ms vs pre ${o.sides.pre?.p50} ms (${speedup}×); database bytes ${o.dbBytes?.app} vs ${o.dbBytes?.pre} (${bytes === null ? "–" : Math.round(bytes * 100)}%)`,
    });
  }

  for (const key of ["list.q", "list.q2"]) {
    const o = op(big, key);
    const oSmall = op(small, key);
    const growth = ratio(o?.sides.app?.p50, oSmall?.sides.app?.p50);
    checks.push({
      target: `Search, ${o?.label ?? key}: p50 ≤ 150 ms, and within 2× of its ${small.size.toLocaleString("en")} p50 ${at}`,
      met:
        o?.sides.app === undefined || growth === null
          ? null
          : o.sides.app.p50 <= 150 && growth <= 2,
      figures: `app ${o?.sides.app?.p50} ms; ${oSmall?.sides.app?.p50} ms at ${small.size} (${growth}×)`,
    });
  }

  const byDue = op(big, "list.sla_due");
  const unsorted = op(big, "list.all") ?? big.ops.find((o) => o.key.startsWith("list."));
  const dueRatio = ratio(byDue?.sides.app?.p50, unsorted?.sides.app?.p50);
  checks.push({
    target: `List sorted by due soonest: p50 within 2× of the unsorted first page ${at}`,
    met: dueRatio === null ? null : dueRatio <= 2,
    figures: `${byDue?.sides.app?.p50} ms vs ${unsorted?.sides.app?.p50} ms (${dueRatio}×)`,
  });
  if (big.sla && small.sla) {
    const growth = ratio(big.sla.appPeakMB ?? undefined, small.sla.appPeakMB ?? undefined);
    checks.push({
      target: `SLA recompute after a policy change: tickets/s, and app peak memory ≤ 1.5× its peak at ${small.size.toLocaleString("en")} ${at}`,
      met: growth === null ? null : growth <= 1.5,
      figures: `${big.sla.ticketsPerSecond} tickets/s (${big.sla.tickets} in ${big.sla.seconds} s); app peak ${big.sla.appPeakMB} MB vs ${small.sla.appPeakMB} MB (${growth}×)`,
    });
  }

  const feed = op(big, "feed.page");
  const feedRate =
    feed?.sides.app === undefined ? null : Math.round(feed.sides.app.throughput * FEED_PAGE);
  checks.push({
    target: `Event feed: ≥ 5,000 events/s paging through it ${at}`,
    met: feedRate === null ? null : feedRate >= 5_000,
    figures: `${feedRate ?? "–"} events/s (pages of ${FEED_PAGE}: p50 ${feed?.sides.app?.p50} ms, ${feed?.sides.app?.throughput} pages/s)`,
  });

  if (big.push) {
    const { webhookRates, webhookLag, sse } = big.push;
    const total = Math.max(0, ...webhookRates.map((w) => w.perSecond));
    checks.push({
      target: `Webhooks: ≥ 200 deliveries/s in total to local receivers ${at}`,
      met: webhookRates.every((w) => w.missing === 0) && total >= 200,
      figures: webhookRates
        .map((w) => `${w.receivers} receiver(s): ${w.perSecond}/s (${w.missing} missing)`)
        .join("; "),
    });
    checks.push({
      target: `Webhooks: command answer → receiver 2xx p99 < 1 s at ${big.lag.rate} commands/s ${at}`,
      met: webhookLag.missing === 0 && webhookLag.p99 < 1_000,
      figures: `p50 ${webhookLag.p50} ms, p99 ${webhookLag.p99} ms (${webhookLag.count} deliveries, ${webhookLag.missing} missing); the projection lag of the same run: p99 ${big.lag.lagP99} ms`,
    });
    checks.push({
      target: `SSE: ${sse.clients} clients on one app process, command answer → every client p99 < 1 s, app < 400 MB ${at}`,
      met: sse.missing === 0 && sse.p99 < 1_000 && sse.appPeakMB !== null && sse.appPeakMB < 400,
      figures: `p50 ${sse.p50} ms, p99 ${sse.p99} ms, ${sse.missing} missed; app peak ${sse.appPeakMB} MB`,
    });
  }

  const short = op(big, "cmd.reply");
  const long = op(big, "cmd.reply.long");
  const longRatio = ratio(long?.sides.app?.p50, short?.sides.app?.p50);
  checks.push({
    target: `A reply on a conversation of 1,000+ messages of 5 KB: p50 ≤ 1.5× a reply on a short one ${at}`,
    met: longRatio === null ? null : longRatio <= 1.5,
    figures: `long ${long?.sides.app?.p50} ms vs short ${short?.sides.app?.p50} ms (${longRatio}×), one client each; the raw driver's same write: ${long?.sides.raw?.p50} ms long vs ${short?.sides.raw?.p50} ms short (${ratio(long?.sides.raw?.p50, short?.sides.raw?.p50)}×)`,
  });

  const dash = op(big, "dashboard");
  const dashSmall = op(small, "dashboard");
  const dashSpeedup = ratio(dash?.sides.pre?.p50, dash?.sides.app?.p50);
  const dashGrowth = ratio(dash?.sides.app?.p50, dashSmall?.sides.app?.p50);
  checks.push({
    target: `Dashboard p50 ≥ 50× lower than pre-CQRS and within 2× of its own ${small.size.toLocaleString("en")} p50 ${at}`,
    met: dashSpeedup === null || dashGrowth === null ? null : dashSpeedup >= 50 && dashGrowth <= 2,
    figures: `app ${dash?.sides.app?.p50} ms vs pre ${dash?.sides.pre?.p50} ms (${dashSpeedup}×); ${dashSmall?.sides.app?.p50} ms at ${small.size} (${dashGrowth}×)`,
  });

  const detail = op(big, "detail");
  const detailRatio = ratio(detail?.sides.app?.p50, detail?.sides.raw?.p50);
  checks.push({
    target: `Ticket detail p50 within 2× of raw findOne ${at}`,
    met: detailRatio === null ? null : detailRatio <= 2,
    figures: `app ${detail?.sides.app?.p50} ms vs raw ${detail?.sides.raw?.p50} ms (${detailRatio}×)`,
  });

  for (const key of ["cmd.create", "cmd.status", "cmd.note", "cmd.reply"]) {
    const c = op(big, key);
    const cSmall = op(small, key);
    const vsRaw = ratio(c?.sides.app?.p50, c?.sides.raw?.p50);
    const growth = ratio(c?.sides.app?.p50, cSmall?.sides.app?.p50);
    checks.push({
      target: `${c?.label ?? key}: p50 within 3× of raw driver, and ≤ 1.5× its ${small.size.toLocaleString("en")} p50 ${at}`,
      met: vsRaw === null || growth === null ? null : vsRaw <= 3 && growth <= 1.5,
      figures: `app ${c?.sides.app?.p50} ms vs raw ${c?.sides.raw?.p50} ms (${vsRaw}×); ${cSmall?.sides.app?.p50} ms at ${small.size} (${growth}×)`,
    });
  }

  checks.push({
    target: `Projection lag p99 < 250 ms at a steady ${big.lag.rate} commands/s ${at}`,
    met: big.lag.unfinished === 0 && big.lag.lagP99 < 250,
    figures: `p50 ${big.lag.lagP50} ms, p99 ${big.lag.lagP99} ms, backlog max ${big.lag.backlogMax}, ${big.lag.unfinished} unfinished`,
  });

  const memGrowth = ratio(big.rebuild.peakRssMB, small.rebuild.peakRssMB);
  checks.push({
    target: `Rebuild ≥ 1000 tickets/s with flat memory (peak ${at} ≤ 1.5× the peak at ${small.size.toLocaleString("en")})`,
    met: big.rebuild.ticketsPerSecond >= 1000 && memGrowth !== null && memGrowth <= 1.5,
    figures: `${big.rebuild.ticketsPerSecond} tickets/s; peak RSS ${big.rebuild.peakRssMB} MB vs ${small.rebuild.peakRssMB} MB (${memGrowth}×)`,
  });

  checks.push({
    target: `App RSS under load < 400 MB ${at}`,
    met: big.memory.appLoadMB === null ? null : big.memory.appLoadMB < 400,
    figures: `${big.memory.appLoadMB} MB under load (idle ${big.memory.appIdleMB} MB)`,
  });
  return checks;
}

export function evaluateTargets(r: BenchResult): string {
  const checks = checkTargets(r);
  const largest = r.sizes.at(-1)?.size ?? 0;
  const note =
    largest < 100_000
      ? `_The targets are stated for 100,000 tickets; this run's largest size is ${largest.toLocaleString("en")}, so these verdicts are indicative only._\n\n`
      : "";
  const rows = checks.map(
    (c) =>
      `| ${c.target} | ${c.met === null ? "n/a" : c.met ? "met" : "**missed**"} | ${c.figures} |`,
  );
  return `${note}| target | verdict | figures |\n| --- | --- | --- |\n${rows.join("\n")}`;
}
