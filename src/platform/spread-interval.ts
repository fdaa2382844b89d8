/**
 * Periodic work over every connection, spread over its period instead of one burst each period: the period
 * is cut into ticks of about a second, and each connection is handled at the tick its id falls on. Every
 * connection is still handled once per period, and a tick handles about 1/ticks of them, so 10,000 sockets
 * never cost one long stall of the event loop.
 */
export class SpreadInterval {
  private timer: NodeJS.Timeout | undefined;
  private tick = 0;
  private readonly ticks: number;

  /** `run` gets `isDue(connectionId)`, true for the connections of this tick. */
  constructor(
    private readonly periodMs: number,
    private readonly run: (isDue: (connectionId: string) => boolean) => void,
    tickMs = 1000,
  ) {
    this.ticks = Math.max(1, Math.round(periodMs / tickMs));
  }

  start(): void {
    this.timer = setInterval(() => {
      const due = this.tick++ % this.ticks;
      this.run((connectionId) => slotOf(connectionId, this.ticks) === due);
    }, this.periodMs / this.ticks);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** A connection id is a random UUID: its first 32 bits pick its tick, evenly. */
function slotOf(connectionId: string, ticks: number): number {
  return parseInt(connectionId.slice(0, 8), 16) % ticks;
}
