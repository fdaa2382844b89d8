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

/**
 * Every Redis key and channel QCharge uses, built here and nowhere else: each carries the deployment
 * prefix (REDIS_PREFIX), and whatever is tenant data carries the tenant id.
 */
export class RedisKeys {
  constructor(private readonly prefix: string) {}
  /** BullMQ's own `prefix` option: its queue keys live under it. */
  bull(): string {
    return `${this.prefix}bull`;
  }
  presence(tenantId: string, chargePointId: string): string {
    return `${this.prefix}presence:${tenantId}:${chargePointId}`;
  }
  /** The live events of one tenant and one type (a subscription's type: every OCPP frame is one, so apart). */
  events(tenantId: string, type: string): string {
    return `${this.prefix}events:${tenantId}:${type}`;
  }
  /** Control channel: an events channel, published when a node starts listening to it. */
  eventSubscriberJoined(): string {
    return `${this.prefix}events-subscriber-joined`;
  }
  /** A fixed-window counter of the OCPP login limits (failures, unknown-charge-point probes). */
  loginLimit(counter: string, subject: string, window: number): string {
    return `${this.prefix}login-limit:${counter}:${window}:${subject}`;
  }
  /** Held by the one process that refreshes the planner's statistics this period (PlannerStatistics). */
  plannerStatisticsLock(): string {
    return `${this.prefix}planner-statistics:lock`;
  }
  node(nodeId: string): string {
    return `${this.prefix}node:${nodeId}`;
  }
  /** Ids of delayed jobs that run as soon as the charge point connects (see Jobs.parkUntilConnected). */
  waitingJobs(tenantId: string, chargePointId: string): string {
    return `${this.prefix}waiting-jobs:${tenantId}:${chargePointId}`;
  }
  /** A charging group's rebalance generation: only the newest generation's job rebalances. */
  siteLimitGeneration(tenantId: string, groupId: string): string {
    return `${this.prefix}site-limit:generation:${tenantId}:${groupId}`;
  }
  /** One rebalance per charging group at a time. */
  siteLimitLock(tenantId: string, groupId: string): string {
    return `${this.prefix}site-limit:lock:${tenantId}:${groupId}`;
  }
  /** Channel: webhook deliveries were made due; the workers' dispatchers look for them at once. */
  webhookNudge(): string {
    return `${this.prefix}webhook-nudge`;
  }
}
