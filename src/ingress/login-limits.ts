import type Redis from 'ioredis';
import { withTimeout } from '../platform/async';
import { clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { RedisKeys } from '../platform/redis';
import { addressGroup } from '../platform/address-group';

/** The counters are per minute, in fixed windows: a blocked client waits at most until the minute is over. */
const WINDOW_MS = 60_000;
/** Redis slower than this is treated as down: the limits fail open rather than hold handshakes. */
const REDIS_TIMEOUT_MS = 500;
/** At most one "limits unavailable" warning this often. */
const WARN_EVERY_MS = 10_000;

export interface LoginLimitSettings {
  /** Failed logins from one address, whatever the charge point (NAT: many chargers share an address). */
  failuresPerAddress: number;
  /** Failed logins for one charge point from one address. Never per charge point alone: a guesser elsewhere must not lock out the charger. */
  failuresPerAddressAndChargePoint: number;
  /** Upgrades naming an unknown tenant or charge point, from one address. */
  notFoundPerAddress: number;
}

export type LockoutReason = 'failures-per-address' | 'failures-per-address-and-charge-point' | 'not-found-per-address';

/** One client address just reached a limit: it gets 429 until the window ends. */
export interface Lockout {
  reason: LockoutReason;
  address: string;
  tenantSlug: string;
  chargePointId: string;
  /** Known when the charge point exists (a failed login); not for unknown-charge-point probes. */
  tenantId?: string;
  limit: number;
}

/** Where a lockout is recorded; the default logs it at warn. The security-event log plugs in here. */
export type LockoutRecorder = (lockout: Lockout) => void;

export function logLockout(log: Logger): LockoutRecorder {
  return (lockout) => log.warn({ ...lockout }, 'client locked out of OCPP logins for the rest of the minute');
}

interface Target {
  address: string;
  tenantSlug: string;
  chargePointId: string;
}

/**
 * Failed Basic logins and unknown-charge-point probes, counted in Redis so every node of the cluster sees
 * the same counts. Successful logins count nothing. A Redis failure never locks a charger out: the limits
 * fail open (with a warning) until Redis answers again.
 */
export class LoginLimits {
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly limits: LoginLimitSettings,
    private readonly log: Logger,
    private readonly recordLockout: LockoutRecorder = logLockout(log),
    private readonly now: () => number = () => clock.now().getTime(),
  ) {}

  /** Whether this address, or this address for this charge point, is past a limit in the current minute. */
  async isBlocked(target: Target): Promise<boolean> {
    const keys = this.counterKeys(target);
    const counts = await this.failOpen(() => this.redis.mget(keys.addressFailures, keys.pairFailures, keys.addressNotFound));
    if (!counts) return false;
    const [addressFailures, pairFailures, notFound] = counts.map((count) => Number(count ?? 0));
    return (
      addressFailures >= this.limits.failuresPerAddress ||
      pairFailures >= this.limits.failuresPerAddressAndChargePoint ||
      notFound >= this.limits.notFoundPerAddress
    );
  }

  async recordFailure(target: Target & { tenantId: string }): Promise<void> {
    const keys = this.counterKeys(target);
    const counts = await this.failOpen(() => this.increment([keys.addressFailures, keys.pairFailures]));
    if (!counts) return;
    if (counts[0] === this.limits.failuresPerAddress) this.lockout(target, 'failures-per-address', this.limits.failuresPerAddress);
    if (counts[1] === this.limits.failuresPerAddressAndChargePoint) {
      this.lockout(target, 'failures-per-address-and-charge-point', this.limits.failuresPerAddressAndChargePoint);
    }
  }

  async recordNotFound(target: Target): Promise<void> {
    const counts = await this.failOpen(() => this.increment([this.counterKeys(target).addressNotFound]));
    if (counts?.[0] === this.limits.notFoundPerAddress) this.lockout(target, 'not-found-per-address', this.limits.notFoundPerAddress);
  }

  private lockout(target: Target & { tenantId?: string }, reason: LockoutReason, limit: number): void {
    const { address, tenantSlug, chargePointId, tenantId } = target;
    this.recordLockout({ reason, address, tenantSlug, chargePointId, tenantId, limit });
  }

  private counterKeys({ address: peer, tenantSlug, chargePointId }: Target) {
    const window = Math.floor(this.now() / WINDOW_MS);
    // An IPv6 client counts by its /64; lockout records keep the address itself.
    const address = addressGroup(peer);
    // JSON keeps the parts apart whatever characters they hold (IPv6 addresses have colons).
    const pair = JSON.stringify([address, tenantSlug, chargePointId]);
    return {
      addressFailures: this.keys.loginLimit('failures', address, window),
      pairFailures: this.keys.loginLimit('failures-for', pair, window),
      addressNotFound: this.keys.loginLimit('not-found', address, window),
    };
  }

  /** INCR and PEXPIRE in one transaction, so no counter outlives its window. */
  private async increment(keys: string[]): Promise<number[]> {
    const multi = this.redis.multi();
    for (const key of keys) multi.incr(key).pexpire(key, WINDOW_MS);
    const results = (await multi.exec()) ?? [];
    return keys.map((_key, i) => {
      const [error, count] = results[i * 2] ?? [new Error('transaction aborted'), 0];
      if (error) throw error;
      return Number(count);
    });
  }

  private async failOpen<T>(operation: () => Promise<T>): Promise<T | undefined> {
    try {
      // While the connection is down, commands would wait in ioredis's offline queue: do not wait at all.
      if (this.redis.status !== 'ready') throw new Error(`Redis connection is ${this.redis.status}`);
      return await withTimeout(operation(), REDIS_TIMEOUT_MS);
    } catch (error) {
      const now = this.now();
      if (now - this.lastWarning >= WARN_EVERY_MS) {
        this.lastWarning = now;
        this.log.warn({ err: error }, 'OCPP login limits unavailable (Redis): letting logins through unlimited');
      }
      return undefined;
    }
  }
}
