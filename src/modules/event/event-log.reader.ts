import { tenantSql, type TenantEm } from '../../platform/db';
import { BadInputError } from '../../platform/errors';
import { decodeCursor } from '../../api/pagination';
import type { EventLogType } from './event-types';

/** An event as the API shows it (the Event type). */
export interface EventNode {
  id: string;
  sequence: number;
  type: EventLogType;
  chargePointId: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export interface EventFilter {
  types?: readonly string[] | null;
  chargePointId?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `after` is an edge cursor (the sequence) or an event id; absent = from the start. */
export async function sequenceAfter(em: TenantEm, after: string | null | undefined): Promise<number> {
  if (after == null) return 0;
  if (UUID.test(after)) {
    const [row] = await tenantSql<{ sequence: string }>(em, 'select sequence from event where tenant_id = $tenant and id = ?', [after]);
    if (!row) throw new BadInputError('after names no stored event', 'after');
    return Number(row.sequence);
  }
  return decodeCursor<number>(after, 'number')!;
}

/** The last sequence committed for the tenant (0 before its first event). */
export async function lastSequence(em: TenantEm): Promise<number> {
  const [row] = await tenantSql<{ last: string }>(em, 'select last from tenant_event_seq where tenant_id = $tenant', []);
  return row ? Number(row.last) : 0;
}

/**
 * A tenant's events after a sequence, in sequence order; `upTo` bounds the range. A writer's sequence
 * commits only after every lower one of its tenant did (they queue on the tenant's counter row), so what
 * this reads never has a hole that fills in later.
 */
export async function readEvents(
  em: TenantEm,
  afterSequence: number,
  limit: number,
  filter: EventFilter = {},
  upTo?: number,
): Promise<EventNode[]> {
  const conditions = ['tenant_id = $tenant', 'sequence > ?'];
  const params: unknown[] = [afterSequence];
  if (upTo !== undefined) {
    conditions.push('sequence <= ?');
    params.push(upTo);
  }
  if (filter.types?.length) {
    // One text parameter: an array would be spread into several by the query builder.
    conditions.push(`type = any(string_to_array(?, ','))`);
    params.push(filter.types.join(','));
  }
  if (filter.chargePointId != null) {
    conditions.push('charge_point_id = ?');
    params.push(filter.chargePointId);
  }
  const rows = await tenantSql<{ id: string; sequence: string; type: EventLogType; charge_point_id: string; occurred_at: string | Date; payload: Record<string, unknown> }>(
    em,
    `select id, sequence, type, charge_point_id, occurred_at, payload from event where ${conditions.join(' and ')} order by sequence limit ?`,
    [...params, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    sequence: Number(row.sequence),
    type: row.type,
    chargePointId: row.charge_point_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    payload: row.payload,
  }));
}

export function matches(event: Pick<EventNode, 'type' | 'chargePointId'>, filter: EventFilter): boolean {
  if (filter.types?.length && !filter.types.includes(event.type)) return false;
  return filter.chargePointId == null || event.chargePointId === filter.chargePointId;
}
