/**
 * A mergeable latency histogram: logarithmic buckets 2 % wide from 10 µs, so load generator processes can
 * send compact counts to the parent, which adds them up and reads percentiles from the sum.
 */
const MIN_MS = 0.01;
const GROWTH = Math.log(1.02);

export interface HistogramData {
  counts: Record<number, number>;
  count: number;
  max: number;
  sum: number;
}

export class Histogram {
  counts = new Map<number, number>();
  count = 0;
  max = 0;
  sum = 0;

  record(ms: number): void {
    const bucket = ms <= MIN_MS ? 0 : Math.ceil(Math.log(ms / MIN_MS) / GROWTH);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  merge(data: HistogramData): void {
    for (const [bucket, n] of Object.entries(data.counts)) this.counts.set(Number(bucket), (this.counts.get(Number(bucket)) ?? 0) + n);
    this.count += data.count;
    this.sum += data.sum;
    this.max = Math.max(this.max, data.max);
  }

  toJSON(): HistogramData {
    return { counts: Object.fromEntries(this.counts), count: this.count, max: this.max, sum: this.sum };
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const target = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket)!;
      if (seen >= target) return Math.min(this.max, MIN_MS * Math.exp(bucket * GROWTH));
    }
    return this.max;
  }

  summary() {
    const round = (v: number) => Math.round(v * 100) / 100;
    return {
      count: this.count,
      mean: round(this.count ? this.sum / this.count : 0),
      p50: round(this.percentile(50)),
      p95: round(this.percentile(95)),
      p99: round(this.percentile(99)),
      max: round(this.max),
    };
  }
}

export type LatencySummary = ReturnType<Histogram['summary']>;
