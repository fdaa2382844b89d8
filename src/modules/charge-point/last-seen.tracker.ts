import type { Orm } from '../../platform/db';
import type { Logger } from '../../platform/logger';

interface SeenEntry {
  tenantId: string;
  chargePointId: string;
  seenAt: Date;
  connectedAt?: Date;
}

/**
 * "Any message is a sign of life": recording that per frame would cost a row update per frame, so
 * times are collected in memory and written in one statement every couple of seconds. The rows carry
 * their tenant id explicitly; this is the one platform-level write outside a tenant scope. Heartbeats are
 * not batched: their handler writes lastHeartbeatAt (and lastSeenAt) itself before answering.
 *
 * Connects are written at once, not on the timer: the presence reconciler only marks disconnected what
 * the database believes connected, so a connect still in memory when its node dies would never get its
 * "disconnected". They are group-committed instead: while one write is in flight, the connects that
 * arrive meanwhile wait and go together in the next statement, so a reconnect storm costs a handful of
 * statements rather than one per handshake.
 */
export class LastSeenTracker {
  private pending = new Map<string, SeenEntry>();
  private connects: Array<{ entry: SeenEntry; written: () => void }> = [];
  private writingConnects: Promise<void> | undefined;
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

  seen(tenantId: string, chargePointId: string, at: Date): void {
    const key = `${tenantId}\u0000${chargePointId}`;
    const entry = this.pending.get(key);
    if (entry) entry.seenAt = at;
    else this.pending.set(key, { tenantId, chargePointId, seenAt: at });
  }

  /** A new connection: lastConnectedAt and lastSeenAt, resolved once written (or the write failed and was logged). */
  connected(tenantId: string, chargePointId: string, at: Date): Promise<void> {
    return new Promise((written) => {
      this.connects.push({ entry: { tenantId, chargePointId, seenAt: at, connectedAt: at }, written });
      this.writingConnects ??= this.writeConnects();
    });
  }

  private async writeConnects(): Promise<void> {
    while (this.connects.length > 0) {
      const batch = this.connects;
      this.connects = [];
      // One row per charge point: an update joined to two rows for one target takes either.
      const latest = new Map<string, SeenEntry>();
      for (const { entry } of batch) latest.set(`${entry.tenantId}\u0000${entry.chargePointId}`, entry);
      await this.write([...latest.values()]);
      for (const c of batch) c.written();
    }
    this.writingConnects = undefined;
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    await this.write(batch);
  }

  private async write(batch: SeenEntry[]): Promise<void> {
    // PostgreSQL takes at most 65535 bind parameters per statement: 4 per row.
    for (let offset = 0; offset < batch.length; offset += 5000) {
      const chunk = batch.slice(offset, offset + 5000);
      const params: unknown[] = [];
      for (const e of chunk) params.push(e.tenantId, e.chargePointId, e.seenAt, e.connectedAt ?? null);
      const rows = chunk.map(() => '(?::uuid, ?, ?::timestamptz, ?::timestamptz)');
      try {
        // greatest(): a time never moves back, whatever order batches and direct writes land in.
        await this.orm.em.getConnection().execute(
          `update charge_point as c
              set last_seen_at = greatest(c.last_seen_at, v.seen),
                  last_connected_at = greatest(c.last_connected_at, v.connected)
             from (values ${rows.join(',')}) as v(tenant_id, identity, seen, connected)
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
    await this.writingConnects;
    await this.flush();
  }
}
