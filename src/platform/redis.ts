import Redis, { type RedisOptions } from 'ioredis';
import { redisErrors } from './metrics';

/** Redis connections. Keys and channels carry the deployment prefix explicitly (BullMQ forbids ioredis keyPrefix). */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableAutoPipelining: true,
    lazyConnect: false,
    ...options,
  });
  countRedisErrors(redis, options.connectionName ?? 'app');
  return redis;
}

/** Every connection's 'error' events go to qcharge_redis_errors_total (callers still log them). */
export function countRedisErrors(redis: Redis, connection: string): void {
  const errors = redisErrors.labels(connection);
  redis.on('error', () => errors.inc());
}

/**
 * Whether an error only says Redis could not be reached in time (a command timed out, or a fail-fast
 * connection refused to queue it while disconnected): the API answers those with "Redis unavailable".
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /^Command timed out$|enableOfflineQueue options is false|^Connection is closed\.?$|max retries per request/i.test(error.message);
}

export class RedisKeys {
  constructor(readonly prefix: string) {}
  presence(tenantId: string, chargePointId: string): string {
    return `${this.prefix}presence:${tenantId}:${chargePointId}`;
  }
  events(tenantId: string): string {
    return `${this.prefix}events:${tenantId}`;
  }
  /** Control channel: a tenant id, published when a node starts listening to that tenant's events. */
  eventSubscriberJoined(): string {
    return `${this.prefix}events-subscriber-joined`;
  }
  /** A fixed-window counter of the OCPP login limits (failures, unknown-charge-point probes). */
  loginLimit(counter: string, subject: string, window: number): string {
    return `${this.prefix}login-limit:${counter}:${window}:${subject}`;
  }
  node(nodeId: string): string {
    return `${this.prefix}node:${nodeId}`;
  }
}
