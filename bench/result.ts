import type { SlaRecomputeResult } from "./sla";
// What a benchmark run records (bench/results/*.json): types only, shared by the run, its
// report, its chart and its targets.
import type { LagResult } from "./lag";
import type { Measurement } from "./measure";
import type { Latency, SseResult, WebhookRate } from "./push";
import type { Side } from "./operations";
import type { RebuildResult } from "./rebuild";

export interface OpResult {
  key: string;
  label: string;
  kind: "read" | "command";
  sides: Partial<Record<Side, Measurement>>;
  /** List reads: BSON bytes one request reads from the database, per design. */
  dbBytes?: { app: number; pre: number };
}

export interface SizeResult {
  size: number;
  tickets: { atStart: number; atEnd: number };
  seedSeconds: number;
  ops: OpResult[];
  lag: LagResult;
  /** Webhooks and SSE (runs from before they existed have none). */
  push?: {
    webhookRates: WebhookRate[];
    /** Command answer → a receiver's 2xx, during the lag run. */
    webhookLag: Latency;
    sse: SseResult;
  };
  rebuild: RebuildResult;
  /** The recompute after a policy change (runs from before SLA clocks have none). */
  sla?: SlaRecomputeResult;
  memory: {
    appIdleMB: number | null;
    appLoadMB: number | null;
    dbIdleMB: number | null;
    dbLoadMB: number | null;
  };
}

export interface BenchResult {
  startedAt: string;
  commit: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGB: number;
    os: string;
    node: string;
    /** Other work on the machine skews every figure: the 1/5/15-minute load when the run began. */
    loadAverageAtStart: number[];
  };
  database: { uri: string; kind: string; version: string; ferretdb: string | null };
  options: {
    sizes: number[];
    duration: number;
    connections: number;
    lagSeconds: number;
    lagRate: number;
  };
  sizes: SizeResult[];
}
