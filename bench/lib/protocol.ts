import type { HistogramData } from './histogram';

/** Messages between bench/run.ts and its load generator processes (bench/load-worker.ts). */
export type WorkerCommand =
  | { cmd: 'connect'; url: string; ids: string[]; password?: string; concurrency: number; boot: boolean; statusNotifications?: number }
  | { cmd: 'steady'; durationS: number; compress: number; heartbeatS: number }
  | { cmd: 'burst'; ratePerS: number; durationS: number; idTags: string[]; meterValuesPerSession: number }
  | {
      cmd: 'steady-real';
      durationS: number;
      heartbeatS: number;
      meterValuesS: number;
      /** This worker's chargers are numbers firstIndex.. of `fleetSize`: their phases spread evenly over the fleet. */
      firstIndex: number;
      fleetSize: number;
      sessionsPerS: number;
      /** Where in the session interval this worker's first session starts (0..1), so workers interleave. */
      sessionPhase: number;
      idTags: string[];
    }
  | { cmd: 'closedloop'; durationS: number; chargers: number }
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
  /** Chargers that connected and had every storm call answered. */
  ready?: number;
  elapsedMs?: number;
  sessions?: { started: number; completed: number; failed: number; skipped: number };
}

export type WorkerReport =
  | DoneReport
  | { type: 'progress'; calls: number; errorCount: number; connected: number }
  | { type: 'failed'; message: string };
