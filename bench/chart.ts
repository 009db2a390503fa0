// The latency chart: p50 against ticket count, both axes logarithmic. One solid line per
// operation on the app; dashed lines for the pre-CQRS baseline, dotted for the raw driver.
import type { BenchResult } from "./result";

const COLORS = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];
const W = 900;
const H = 520;
const PAD = { left: 70, right: 300, top: 40, bottom: 60 };

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function latencyChart(r: BenchResult): string {
  const sizes = r.sizes.map((s) => s.tickets.atStart);
  const series: { label: string; color: string; dash: string; points: [number, number][] }[] = [];
  const keys = r.sizes[0]?.ops.map((o) => [o.key, o.label] as const) ?? [];
  keys.forEach(([key, label], i) => {
    const color = COLORS[i % COLORS.length]!;
    for (const [side, dash, suffix] of [
      ["app", "", ""],
      ["pre", "6 4", " (pre-CQRS)"],
      ["raw", "2 3", " (raw driver)"],
    ] as const) {
      const points = r.sizes
        .map((s, j) => [sizes[j]!, s.ops.find((o) => o.key === key)?.sides[side]?.p50] as const)
        .filter((p): p is readonly [number, number] => p[1] !== undefined && p[1] > 0)
        .map((p) => [p[0], p[1]] as [number, number]);
      if (points.length) series.push({ label: `${label}${suffix}`, color, dash, points });
    }
  });
  const all = series.flatMap((s) => s.points);
  if (all.length === 0)
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"/>`;
  const decades = (values: number[]) => {
    const lo = Math.floor(Math.log10(Math.min(...values)));
    const hi = Math.ceil(Math.log10(Math.max(...values)));
    return [lo, hi === lo ? lo + 1 : hi] as const;
  };
  const [x0, x1] = decades(all.map((p) => p[0]));
  const [y0, y1] = decades(all.map((p) => p[1]));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (v: number) => PAD.left + ((Math.log10(v) - x0) / (x1 - x0)) * plotW;
  const y = (v: number) => PAD.top + plotH - ((Math.log10(v) - y0) / (y1 - y0)) * plotH;
  const f = (n: number) => n.toFixed(1);

  const parts: string[] = [];
  parts.push(`<rect width="100%" height="100%" fill="white"/>`);
  parts.push(
    `<text x="${PAD.left}" y="24" font-size="15" font-weight="bold">p50 latency against ticket count (${escape(r.database.kind)}, ${escape(r.commit)})</text>`,
  );
  for (let d = x0; d <= x1; d++) {
    const v = 10 ** d;
    parts.push(
      `<line x1="${f(x(v))}" y1="${PAD.top}" x2="${f(x(v))}" y2="${PAD.top + plotH}" stroke="#ddd"/>`,
    );
    parts.push(
      `<text x="${f(x(v))}" y="${PAD.top + plotH + 18}" font-size="12" text-anchor="middle">${v.toLocaleString("en")}</text>`,
    );
  }
  for (let d = y0; d <= y1; d++) {
    const v = 10 ** d;
    parts.push(
      `<line x1="${PAD.left}" y1="${f(y(v))}" x2="${PAD.left + plotW}" y2="${f(y(v))}" stroke="#ddd"/>`,
    );
    parts.push(
      `<text x="${PAD.left - 8}" y="${f(y(v) + 4)}" font-size="12" text-anchor="end">${v < 1 ? v : v.toLocaleString("en")}</text>`,
    );
  }
  parts.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
  );
  parts.push(
    `<text x="${PAD.left + plotW / 2}" y="${H - 18}" font-size="13" text-anchor="middle">tickets (log)</text>`,
  );
  parts.push(
    `<text x="18" y="${PAD.top + plotH / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 18 ${PAD.top + plotH / 2})">p50 latency, ms (log)</text>`,
  );
  series.forEach((s, i) => {
    const pts = s.points.map(([a, b]) => `${f(x(a))},${f(y(b))}`).join(" ");
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : "";
    parts.push(
      `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`,
    );
    for (const [a, b] of s.points)
      parts.push(`<circle cx="${f(x(a))}" cy="${f(y(b))}" r="2.5" fill="${s.color}"/>`);
    const ly = PAD.top + 6 + i * 16;
    const lx = PAD.left + plotW + 16;
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`,
    );
    parts.push(`<text x="${lx + 30}" y="${ly + 4}" font-size="11">${escape(s.label)}</text>`);
  });
  const height = Math.max(H, PAD.top + 20 + series.length * 16);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif">\n${parts.join("\n")}\n</svg>\n`;
}
