/**
 * A token bucket: `burst` calls at once, then `perSecond` sustained. One per charge point connection, so a
 * flooding socket is refused on its own account and costs nobody else.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = performanceNow,
  ) {
    this.tokens = burst;
    this.refilledAt = now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One function for every bucket (a default parameter's arrow would be a closure per connection). */
function performanceNow(): number {
  return performance.now();
}
