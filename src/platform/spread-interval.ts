/**
 * Periodic work over a changing set of members (connections), spread over its period instead of one burst
 * each period: the period is cut into ticks of about a second, and each member is handled at the tick its
 * id falls on. Members are kept by tick, so a tick visits only its own (about 1/ticks of them): every member
 * is still handled once per period, 10,000 sockets never cost one long stall of the event loop, and no tick
 * walks over all of them.
 */
export class SpreadInterval<T> {
  private timer: NodeJS.Timeout | undefined;
  private tick = 0;
  private readonly ticks: number;
  private readonly slots: Array<Map<string, T>>;

  /** `run` gets the members due at this tick. */
  constructor(
    private readonly periodMs: number,
    private readonly run: (due: Iterable<T>) => void,
    tickMs = 1000,
  ) {
    this.ticks = Math.max(1, Math.round(periodMs / tickMs));
    this.slots = Array.from({ length: this.ticks }, () => new Map<string, T>());
  }

  /** Handles `member` once per period from now on; `id` is a random UUID (it picks the tick). */
  add(id: string, member: T): void {
    this.slots[slotOf(id, this.ticks)].set(id, member);
  }

  delete(id: string): void {
    this.slots[slotOf(id, this.ticks)].delete(id);
  }

  start(): void {
    this.timer = setInterval(() => {
      const due = this.slots[this.tick++ % this.ticks];
      if (due.size > 0) this.run(due.values());
    }, this.periodMs / this.ticks);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** A random UUID's first 32 bits pick its tick, evenly. */
function slotOf(id: string, ticks: number): number {
  return parseInt(id.slice(0, 8), 16) % ticks;
}
