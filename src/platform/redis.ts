import Redis, { type RedisOptions } from 'ioredis';

/** Redis connections. Keys and channels carry the deployment prefix explicitly (BullMQ forbids ioredis keyPrefix). */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableAutoPipelining: true,
    lazyConnect: false,
    ...options,
  });
}

export class RedisKeys {
  constructor(readonly prefix: string) {}
  presence(tenantId: string, chargePointId: string): string {
    return `${this.prefix}presence:${tenantId}:${chargePointId}`;
  }
  events(tenantId: string): string {
    return `${this.prefix}events:${tenantId}`;
  }
  node(nodeId: string): string {
    return `${this.prefix}node:${nodeId}`;
  }
}
