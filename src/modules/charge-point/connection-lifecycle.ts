import type { AppContext } from '../../app-context';
import { clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { scheduleRebalance } from '../smart-charging/site-limit.jobs';

/** Which connection of which charge point: a charge point reconnecting gets a new connection id. */
export interface ConnectionRef {
  tenantId: string;
  chargePointId: string;
  connectionId: string;
}

/** What the upgrade read about the charge point that its connection needs. */
export interface ConnectedChargePoint extends ConnectionRef {
  siteLimitGroupId: string | null;
}

/**
 * What a charge point's connection means beyond its socket: its presence in the cluster, its connection
 * times and CHARGE_POINT_CONNECTED/_DISCONNECTED events, and the work that waited for it to connect.
 */
export class ConnectionLifecycle {
  constructor(private readonly app: AppContext) {}

  /**
   * Claim first, then mark connected: the presence reconciler reads the database before Redis, so it can
   * never see the new lastConnectedAt without the new presence record. Then jobs parked for this charge
   * point (scheduled commands that found it offline) run now rather than at their next backoff; their ids
   * are read right after the claim, on the same connection, so a job parked later finds the claim itself.
   * `isCurrent` tells whether a newer connection replaced this one on this node meanwhile.
   */
  async connected(connection: ConnectedChargePoint, isCurrent: () => boolean, log: () => Logger): Promise<void> {
    const { tenantId, chargePointId, connectionId } = connection;
    // Both commands go out in this tick on the same auto-pipelining connection: one write, the read after the claim.
    const claim = this.app.cluster.claim(tenantId, chargePointId, connectionId);
    const parked = this.app.jobs.readParked(this.app.redis, tenantId, chargePointId).catch((error: unknown) => asError(error));
    try {
      await claim;
    } catch (error) {
      log().warn({ err: error }, 'presence claim failed');
    }
    if (!isCurrent()) return;
    // Writes its CHARGE_POINT_CONNECTED event with the time it records.
    await this.app.lastSeen.connected(tenantId, chargePointId, clock.now());
    const jobIds = await parked;
    if (jobIds instanceof Error) log().warn({ err: jobIds }, 'promoting waiting jobs failed');
    else await this.app.jobs.promoteWaiting(tenantId, chargePointId, jobIds).catch((error) => log().warn({ err: error }, 'promoting waiting jobs failed'));
    // A session's site-limit TxProfile may not have reached this charge point while it was offline.
    const groupId = connection.siteLimitGroupId;
    if (groupId) await scheduleRebalance(this.app, tenantId, groupId).catch((error) => log().warn({ err: error, groupId }, 'site limit rebalance not scheduled'));
  }

  /** After the connection left this node's registry. */
  async disconnected(connection: ConnectionRef): Promise<void> {
    const { tenantId, chargePointId, connectionId } = connection;
    const outcome = await this.app.cluster.release(tenantId, chargePointId, connectionId).catch(() => 'expired' as const);
    // Replaced by a connection on another node: that node already announced it connected; a late
    // "disconnected" from here would contradict it.
    if (outcome === 'replaced') return;
    // The time and its event, group-committed with other disconnects (a reconnect storm is also a disconnect storm).
    await this.app.lastSeen.disconnected(tenantId, chargePointId, clock.now());
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
