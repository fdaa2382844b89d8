import { rssBytes } from './proc-stats';

/** monitorEventLoopDelay records the time between its timer's runs, so an idle loop reads this much. */
const RESOLUTION_MS = 10;
const STALL_MS = 50;

export interface LagTimeline {
  /** Per second of the phase: the largest event-loop lag of any of the server's processes in ms (null: no scrape answered). */
  perSecondMaxMs: Array<number | null>;
  maxMs: number;
  /** Seconds whose largest lag was over 50 ms, as [second, ms]. */
  stalls: Array<[number, number]>;
  scrapes: number;
  failedScrapes: number;
}

/**
 * Samples a server while a phase runs, once a second and without touching its code: the event-loop lag
 * from GET /metrics (prom-client's `nodejs_eventloop_lag_max_seconds` is the maximum of a
 * monitorEventLoopDelay histogram that every scrape resets, so scraping each second gives the worst lag
 * of each second; the bare responder serves the same gauge) and the resident memory of its processes.
 * Blind spot: the histogram skips the first interval after its reset, so a stall that begins in the very
 * tick that answered the scrape goes unseen.
 */
export class ServerSampler {
  private readonly startedAt = performance.now();
  private running = true;
  private readonly loops: Array<Promise<void>>;
  private readonly perSecond: Array<number | null> = [];
  private scrapes = 0;
  /** Ports scraped once: that first scrape only resets the histogram, its maximum covers the time before the phase. */
  private readonly primed = new Set<number>();
  private failedScrapes = 0;
  readonly rssSamples: number[] = [];

  constructor(private readonly ports: number[], private readonly pids: number[]) {
    this.loops = [...ports.map((port) => this.every(() => this.scrape(port))), this.every(async () => this.sampleRss())];
  }

  async stop(): Promise<LagTimeline> {
    if (!this.running) return this.timeline();
    this.running = false;
    await Promise.all(this.loops);
    // One last scrape covers the phase's last part second (and a phase shorter than a second at all).
    await Promise.all(this.ports.map((port) => this.scrape(port)));
    return this.timeline();
  }

  private timeline(): LagTimeline {
    const seconds = this.perSecond;
    const known = seconds.filter((ms): ms is number => ms !== null);
    return {
      perSecondMaxMs: seconds,
      maxMs: known.length ? Math.max(...known) : 0,
      stalls: seconds.flatMap((ms, second) => (ms !== null && ms > STALL_MS ? [[second, ms] as [number, number]] : [])),
      scrapes: this.scrapes,
      failedScrapes: this.failedScrapes,
    };
  }

  /** Runs `sample` each second; one sample at a time per loop, so a stalled server is not scraped twice. */
  private async every(sample: () => Promise<void>): Promise<void> {
    while (this.running) {
      const due = performance.now() + 1000;
      await sample();
      while (this.running && performance.now() < due) await new Promise((resolve) => setTimeout(resolve, Math.min(100, due - performance.now())));
    }
  }

  private async scrape(port: number): Promise<void> {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(10_000) });
      const match = /^nodejs_eventloop_lag_max_seconds(?:\{[^}]*\})? ([\d.e+-]+)/m.exec(await res.text());
      if (!match) throw new Error('no nodejs_eventloop_lag_max_seconds');
      if (!this.primed.has(port)) {
        this.primed.add(port);
        return;
      }
      this.scrapes++;
      const lagMs = Math.max(0, Math.round(Number(match[1]) * 1000 - RESOLUTION_MS));
      // A scrape answered about n seconds in covers second n-1 (0-based) of the phase.
      const second = Math.max(0, Math.round((performance.now() - this.startedAt) / 1000) - 1);
      while (this.perSecond.length <= second) this.perSecond.push(null);
      this.perSecond[second] = Math.max(this.perSecond[second] ?? 0, lagMs);
    } catch {
      this.failedScrapes++;
    }
  }

  private async sampleRss(): Promise<void> {
    try {
      this.rssSamples.push(this.pids.reduce((sum, pid) => sum + rssBytes(pid), 0));
    } catch {
      // a process ended: the phase reports it elsewhere
    }
  }
}

const BARS = '▁▂▃▄▅▆▇█';

/** One line: the worst lag, the seconds over 50 ms, and a sparkline of each second scaled to the worst. */
export function formatTimeline(lag: LagTimeline): string {
  const scale = Math.max(lag.maxMs, STALL_MS);
  const spark = lag.perSecondMaxMs.map((ms) => (ms === null ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((ms / scale) * BARS.length))])).join('');
  const stalls = lag.stalls.length ? lag.stalls.slice(0, 12).map(([s, ms]) => `${s}s:${ms}`).join(' ') + (lag.stalls.length > 12 ? ` +${lag.stalls.length - 12}` : '') : 'none';
  return `event-loop lag max ${lag.maxMs} ms, seconds > ${STALL_MS} ms: ${stalls} |${spark}| (scale 0-${scale} ms${lag.failedScrapes ? `, ${lag.failedScrapes} scrapes failed` : ''})`;
}
