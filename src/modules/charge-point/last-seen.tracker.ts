import type { Orm } from '../../platform/db';
import type { Logger } from '../../platform/logger';

/**
 * "Any message is a sign of life": recording that per frame would cost a row update per frame, so
 * times are collected in memory and written in one statement every couple of seconds. The rows carry
 * their tenant id explicitly; this is the one platform-level write outside a tenant scope.
 */
export class LastSeenTracker {
  private pending = new Map<string, { tenantId: string; chargePointId: string; seenAt: Date; heartbeatAt?: Date }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly orm: Orm,
    private readonly log: Logger,
    private readonly flushMs = 2000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  seen(tenantId: string, chargePointId: string, at: Date, heartbeat = false): void {
    const key = `${tenantId}\u0000${chargePointId}`;
    const entry = this.pending.get(key);
    if (entry) {
      entry.seenAt = at;
      if (heartbeat) entry.heartbeatAt = at;
    } else {
      this.pending.set(key, { tenantId, chargePointId, seenAt: at, heartbeatAt: heartbeat ? at : undefined });
    }
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    // PostgreSQL takes at most 65535 bind parameters per statement: 4 per row.
    for (let offset = 0; offset < batch.length; offset += 5000) {
      const chunk = batch.slice(offset, offset + 5000);
      const params: unknown[] = [];
      for (const e of chunk) params.push(e.tenantId, e.chargePointId, e.seenAt, e.heartbeatAt ?? null);
      const rows = chunk.map(() => '(?::uuid, ?, ?::timestamptz, ?::timestamptz)');
      try {
        await this.orm.em.getConnection().execute(
          `update charge_point as c
              set last_seen_at = greatest(coalesce(c.last_seen_at, v.seen), v.seen),
                  last_heartbeat_at = coalesce(v.heartbeat, c.last_heartbeat_at)
             from (values ${rows.join(',')}) as v(tenant_id, identity, seen, heartbeat)
            where c.tenant_id = v.tenant_id and c.identity = v.identity`,
          params,
        );
      } catch (error) {
        this.log.warn({ err: error, count: chunk.length }, 'last-seen flush failed');
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
