import { platformSql, type Orm } from '../../platform/db';
import { GroupCommit, retryingConflicts } from '../../platform/group-commit';
import type { Logger } from '../../platform/logger';
import { withEvents, type EventOutbox } from '../event/event-outbox';
import type { NewEvent } from '../event/event-types';
import { chargePointKey, inRowOrder } from './charge-point-key';

interface SeenEntry {
  tenantId: string;
  chargePointId: string;
  seenAt: Date;
  connectedAt?: Date;
  heartbeatAt?: Date;
}

function later(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

/** One row per charge point (an update joined to two rows for one target takes either), with the latest of each time. */
function latestPerChargePoint(entries: SeenEntry[]): SeenEntry[] {
  const latest = new Map<string, SeenEntry>();
  for (const entry of entries) {
    const key = chargePointKey(entry.tenantId, entry.chargePointId);
    const known = latest.get(key);
    if (!known) latest.set(key, { ...entry });
    else {
      known.seenAt = later(known.seenAt, entry.seenAt)!;
      known.connectedAt = later(known.connectedAt, entry.connectedAt);
      known.heartbeatAt = later(known.heartbeatAt, entry.heartbeatAt);
    }
  }
  return [...latest.values()];
}

/**
 * The times of many charge points (any tenants) in one statement, from one jsonb parameter (`seenRows`).
 * greatest() (which skips nulls): a time never moves back, whatever order batches land in.
 */
const SEEN_UPDATE = `update charge_point as c
    set last_seen_at = greatest(c.last_seen_at, v.seen),
        last_connected_at = greatest(c.last_connected_at, v.connected),
        last_heartbeat_at = greatest(c.last_heartbeat_at, v.heartbeat)
   from jsonb_to_recordset(?::jsonb) as v(tenant_id uuid, identity varchar, seen timestamptz, connected timestamptz, heartbeat timestamptz)
  where c.tenant_id = v.tenant_id and c.identity = v.identity`;

function seenRows(entries: SeenEntry[]): string {
  return JSON.stringify(
    inRowOrder(
      latestPerChargePoint(entries).map((e) => ({ tenant_id: e.tenantId, identity: e.chargePointId, seen: e.seenAt, connected: e.connectedAt ?? null, heartbeat: e.heartbeatAt ?? null })),
    ),
  );
}

/**
 * "Any message is a sign of life": recording that per frame would cost a row update per frame, so
 * times are collected in memory and written in one statement every second (at most a second late). A
 * batch spans tenants, so it is one of the named platform-scope statements (`platformSql`): each row binds
 * its tenant id.
 * Heartbeats go the same way: their answer does not wait for PostgreSQL, and lastHeartbeatAt is readable
 * at most a second after it (losing that second on a crash harms nobody).
 *
 * Connects are written at once, not on the timer: the presence reconciler only marks disconnected what
 * the database believes connected, so a connect still in memory when its node dies would never get its
 * "disconnected". They are group-committed instead: while one write is in flight, those that arrive
 * meanwhile wait and go together in the next statement, so a reconnect storm costs a handful of
 * statements rather than one each.
 */
export class LastSeenTracker {
  /** By tenant id, then charge point id: the strings a connection already holds, so a frame builds no key. */
  private pending = new Map<string, Map<string, SeenEntry>>();
  private pendingCount = 0;
  /** Connects: written before they resolve, one statement at a time for all that wait. */
  private readonly immediate = new GroupCommit<SeenEntry, void>(async (entries) => {
    const events: NewEvent[] = entries.map(({ tenantId, chargePointId, connectedAt }) => ({
      type: 'CHARGE_POINT_CONNECTED',
      tenantId,
      chargePointId,
      payload: { chargePointId, connected: true, at: connectedAt!.toISOString() },
    }));
    try {
      // The update and the CHARGE_POINT_CONNECTED events in one statement: one commit, no transaction round trips.
      this.outbox.committed(await retryingConflicts(() => withEvents(this.orm, `seen as (${SEEN_UPDATE})`, [seenRows(entries)], events)));
    } catch (error) {
      this.log.warn({ err: error, count: entries.length }, 'connect write failed');
    }
    return entries.map(() => undefined);
  });
  /**
   * Disconnects: a time and a CHARGE_POINT_DISCONNECTED event each, group-committed like connects (a
   * reconnect storm is also a disconnect storm: one statement each made every event writer of the tenant
   * queue on its event counter row). A time never moves back (greatest), whatever order batches land in.
   */
  private readonly departures = new GroupCommit<{ tenantId: string; chargePointId: string; at: Date }, void>(async (entries) => {
    const events: NewEvent[] = entries.map(({ tenantId, chargePointId, at }) => ({
      type: 'CHARGE_POINT_DISCONNECTED',
      tenantId,
      chargePointId,
      payload: { chargePointId, connected: false, at: at.toISOString() },
    }));
    // One row per charge point, its latest time (an update joined to two rows for one target takes either).
    const latest = new Map<string, { tenant_id: string; identity: string; at: Date }>();
    for (const e of entries) {
      const key = chargePointKey(e.tenantId, e.chargePointId);
      const known = latest.get(key);
      if (!known || known.at < e.at) latest.set(key, { tenant_id: e.tenantId, identity: e.chargePointId, at: e.at });
    }
    const rows = JSON.stringify(inRowOrder([...latest.values()]));
    try {
      const written = `departed as (
           update charge_point as c set last_disconnected_at = greatest(c.last_disconnected_at, v.at)
             from jsonb_to_recordset(?::jsonb) as v(tenant_id uuid, identity varchar, at timestamptz)
            where c.tenant_id = v.tenant_id and c.identity = v.identity
         )`;
      this.outbox.committed(await retryingConflicts(() => withEvents(this.orm, written, [rows], events)));
    } catch (error) {
      this.log.warn({ err: error, count: entries.length }, 'connection time update failed');
    }
    return entries.map(() => undefined);
  });
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly orm: Orm,
    private readonly log: Logger,
    private readonly outbox: EventOutbox,
    private readonly flushMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  seen(tenantId: string, chargePointId: string, at: Date, heartbeat = false): void {
    let ofTenant = this.pending.get(tenantId);
    if (!ofTenant) this.pending.set(tenantId, (ofTenant = new Map()));
    const entry = ofTenant.get(chargePointId);
    if (!entry) {
      ofTenant.set(chargePointId, { tenantId, chargePointId, seenAt: at, heartbeatAt: heartbeat ? at : undefined });
      this.pendingCount++;
    } else {
      entry.seenAt = later(entry.seenAt, at)!;
      if (heartbeat) entry.heartbeatAt = later(entry.heartbeatAt, at);
    }
  }

  /** A new connection: lastConnectedAt and lastSeenAt, resolved once written (or the write failed and was logged). */
  connected(tenantId: string, chargePointId: string, at: Date): Promise<void> {
    return this.immediate.submit({ tenantId, chargePointId, seenAt: at, connectedAt: at });
  }

  /** A connection ended: lastDisconnectedAt and its event, resolved once written (or the write failed and was logged). */
  disconnected(tenantId: string, chargePointId: string, at: Date): Promise<void> {
    return this.departures.submit({ tenantId, chargePointId, at });
  }

  /** A Heartbeat: lastHeartbeatAt and lastSeenAt, written with the next flush. */
  heartbeat(tenantId: string, chargePointId: string, at: Date): void {
    this.seen(tenantId, chargePointId, at, true);
  }

  async flush(): Promise<void> {
    if (this.pendingCount === 0) return;
    const batch: SeenEntry[] = [];
    for (const ofTenant of this.pending.values()) for (const entry of ofTenant.values()) batch.push(entry);
    this.pending = new Map();
    this.pendingCount = 0;
    await this.write(batch);
  }

  private async write(batch: SeenEntry[]): Promise<void> {
    try {
      await retryingConflicts(() => platformSql(this.orm, SEEN_UPDATE, [seenRows(batch)]));
    } catch (error) {
      this.log.warn({ err: error, count: batch.length }, 'last-seen flush failed');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.immediate.drain();
    await this.departures.drain();
    await this.flush();
  }
}
