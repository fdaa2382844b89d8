/**
 * Rate-limits repeated log lines of one source (one charge point connection): the first line of a kind is
 * written, the repeats within `intervalMs` are only counted, and the next line of that kind after the
 * interval carries how many were left out (`suppressed`). A flood of identical warnings costs a counter,
 * not a disk. Kinds are capped: past `maxKinds`, new kinds share one, so a client inventing new messages
 * cannot grow the map or escape the limit either.
 */
export class LogThrottle {
  /** Made on the first line (per-connection memory: most connections never warn). */
  private kinds: Map<string, { loggedAt: number; suppressed: number }> | undefined;

  constructor(
    private readonly intervalMs = 10_000,
    private readonly maxKinds = 32,
    private readonly now: () => number = performanceNow,
  ) {}

  /** Undefined when the line is to be left out, else the number of lines of its kind left out before it. */
  admit(kind: string): number | undefined {
    const now = this.now();
    const kinds = (this.kinds ??= new Map());
    if (!kinds.has(kind) && kinds.size >= this.maxKinds) kind = OTHER_KINDS;
    const seen = kinds.get(kind);
    if (seen && now - seen.loggedAt < this.intervalMs) {
      seen.suppressed++;
      return undefined;
    }
    const suppressed = seen?.suppressed ?? 0;
    kinds.set(kind, { loggedAt: now, suppressed: 0 });
    return suppressed;
  }

  /** Lines left out and not yet reported, for a last summary (when the connection closes). */
  unreported(): number {
    let total = 0;
    for (const { suppressed } of this.kinds?.values() ?? []) total += suppressed;
    return total;
  }
}

const OTHER_KINDS = '(other)';

function performanceNow(): number {
  return performance.now();
}
