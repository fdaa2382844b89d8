import type { WatchedEvents } from './event-watchers';
import type { ReceivedDeliveries } from './webhook-receiver';
import type { LatencySummary } from './histogram';
import type { LagTimeline } from './server-sampler';

export type TargetName = 'bare' | 'qcharge' | 'qcharge-2nodes';

/** CPU of all PostgreSQL processes and of the load generators in the same window (100 = one core). */
export interface OtherCpu {
  postgresPercent: number;
  loadGeneratorPercent: number;
  loadAverage: number;
}

export interface ServerFigures {
  rssMB: number;
  rssPerChargerKB: number;
  /** How RSS was read: the median of per-second samples while the load ran, or once after the phase. */
  rssMeasured: 'median under load' | 'after phase';
  heapMB: number | null;
  heapPerChargerKB: number | null;
  cpuPercent: number;
  /** Server CPU time (user + system, all its processes) over the phase, divided by the calls answered. */
  cpuMsPerCall: number | null;
}

export interface ScenarioResult {
  scenario: string;
  target: TargetName;
  chargers: number;
  connected: number;
  /** Storm: chargers connected with BootNotification and every StatusNotification answered. */
  ready?: number;
  wallS: number;
  /** Storm: ready chargers per second. */
  connectRate?: number;
  messagesPerS: number;
  latency: Record<string, LatencySummary>;
  all: LatencySummary;
  errors: Record<string, number>;
  errorCount: number;
  server?: ServerFigures;
  /** Per second of the phase, the worst event-loop lag of the server's processes (see server-sampler.ts). */
  eventLoopLag?: LagTimeline;
  otherCpu?: OtherCpu;
  pgRowsPerS?: number;
  sessions?: { started: number; completed: number; failed: number; skipped: number; perS: number };
  commands?: { sent: number; ok: number; perS: number };
  /** Storm and steady-real with `--subscribers`: what the event stream's subscribers saw. */
  events?: WatchedEvents;
  /** Storm and steady-real with `--webhooks`: what each webhook endpoint got. */
  webhooks?: ReceivedDeliveries[];
  note?: string;
}
