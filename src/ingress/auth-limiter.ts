/**
 * Limits failed HTTP Basic attempts per client address and per charge point, so passwords cannot be
 * guessed at line rate. Counted per process in fixed windows; a blocked key answers 429 until its
 * window ends. Successful logins do not count.
 */
export class AuthFailureLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();
  private lastSweep = Date.now();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(...keys: string[]): boolean {
    const now = this.now();
    return keys.some((key) => {
      const entry = this.windows.get(key);
      return entry !== undefined && entry.resetAt > now && entry.count >= this.maxFailures;
    });
  }

  recordFailure(...keys: string[]): void {
    const now = this.now();
    this.sweep(now);
    for (const key of keys) {
      const entry = this.windows.get(key);
      if (!entry || entry.resetAt <= now) this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      else entry.count++;
    }
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
  }
}
