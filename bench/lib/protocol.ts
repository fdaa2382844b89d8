import type { HistogramData } from './histogram';

/** Messages between bench/run.ts and its load generator processes (bench/load-worker.ts). */
export type WorkerCommand =
  | { cmd: 'connect'; url: string; ids: string[]; password?: string; concurrency: number; boot: boolean }
  | { cmd: 'steady'; durationS: number; compress: number; heartbeatS: number }
  | { cmd: 'burst'; ratePerS: number; durationS: number; idTags: string[]; meterValuesPerSession: number }
  | { cmd: 'disconnect' }
  | { cmd: 'stats' }
  | { cmd: 'exit' };

export interface DoneReport {
  type: 'done';
  phase: string;
  calls: number;
  errors: Record<string, number>;
  histograms: Record<string, HistogramData>;
  connected: number;
  csmsCalls: number;
  failed?: number;
  elapsedMs?: number;
  sessions?: { started: number; completed: number; failed: number; skipped: number };
}

export type WorkerReport =
  | DoneReport
  | { type: 'progress'; calls: number; errorCount: number; connected: number }
  | { type: 'failed'; message: string };
