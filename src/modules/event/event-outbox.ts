import type { EventBus } from '../../platform/event-bus';
import { scopedSql, scopeTenantOf, type PlatformEm, type SqlScope, type TenantEm } from '../../platform/db';
import { clock } from '../../platform/clock';
import { LIVE_TYPE, type LiveEvent, type NewEvent, type StoredEvent } from './event-types';

/** A webhook delivery created with its event (a PENDING row the dispatcher takes once it is committed). */
export interface NewDelivery {
  tenantId: string;
  deliveryId: string;
}

/** What one append stored: the events with their sequence, and the webhook deliveries they created. */
export interface Appended {
  events: StoredEvent[];
  deliveries: NewDelivery[];
}

/** Collects the events of one unit of work; they are appended at its end, in its transaction. */
export type Emit = (event: NewEvent) => void;

/**
 * The common table expressions that append events, for a statement of its own (`appendEvents`) or folded
 * into the statement that writes the change (`withEvents`): each tenant's counter row is bumped by its
 * number of events (`tenant_event_seq`, so one tenant's writers commit in sequence order while other
 * tenants never wait), the events get consecutive sequences in the order given, and a PENDING delivery row
 * is created for every enabled webhook of the event's tenant that wants its type, so a crash after commit
 * loses no delivery (a sweeper enqueues what was never enqueued). Counter rows are taken in tenant order,
 * so two batches of several tenants cannot deadlock on them. Bind parameters: `eventParams`.
 */
const eventCtes = (source: string) => `ev as (
       ${source}
     ), counts as (
       select tenant_id, count(*)::bigint as n from ev group by tenant_id
     ), bumped as (
       insert into tenant_event_seq as s (tenant_id, last)
       select tenant_id, n from counts order by tenant_id
       on conflict (tenant_id) do update set last = s.last + excluded.last
       returning s.tenant_id, s.last
     ), numbered as (
       select ev.i, gen_random_uuid() as id, ev.tenant_id, b.last - c.n + row_number() over (partition by ev.tenant_id order by ev.i) as sequence,
              ev.type, ev.charge_point_id, ev.payload
         from ev join counts c on c.tenant_id = ev.tenant_id join bumped b on b.tenant_id = ev.tenant_id
     ), stored as (
       insert into event (id, tenant_id, sequence, type, charge_point_id, occurred_at, payload)
       select id, tenant_id, sequence, type, charge_point_id, ?::timestamptz, payload from numbered
     ), deliveries as (
       insert into webhook_delivery (id, tenant_id, webhook_id, event_id, attempt, status, created_at, next_attempt_at, first_attempt_at)
       select gen_random_uuid(), n.tenant_id, w.id, n.id, 1, 'PENDING', ?::timestamptz, ?::timestamptz, ?::timestamptz
         from numbered n join webhook w on w.tenant_id = n.tenant_id and w.enabled and n.type = any(w.event_types)
       returning id, event_id
     )`;
const EVENT_CTES = `${eventCtes('select * from jsonb_to_recordset(?::jsonb) as x(i integer, tenant_id uuid, type varchar, charge_point_id varchar, payload jsonb)')}
     select n.i, n.id, n.sequence, (select array_agg(d.id) from deliveries d where d.event_id = n.id) as delivery_ids from numbered n`;

/** The event CTEs of `withEventsOf`, over the change's own `new_events`. */
const NEW_EVENT_CTES = eventCtes('select i, tenant_id, type, charge_point_id, payload from new_events');

type AppendedRow = { i: number; id: string; sequence: string; delivery_ids: string[] | null };

/**
 * Event rows name their tenant themselves, so the outbox writes in either scope: in a tenant's, every event
 * must be that tenant's; in the platform scope (the group-committed writers), a batch may span tenants.
 */
function appendSql(scope: SqlScope, events: NewEvent[], sql: string, params: readonly unknown[]): Promise<AppendedRow[]> {
  const tenantId = scopeTenantOf(scope);
  if (tenantId !== undefined && events.some((e) => e.tenantId !== tenantId)) throw new Error('an event of another tenant in a tenant scope');
  return scopedSql<AppendedRow>(scope, sql, params);
}

function eventParams(events: NewEvent[], occurredAt: Date): unknown[] {
  const input = events.map((e, i) => ({ i, tenant_id: e.tenantId, type: e.type, charge_point_id: e.chargePointId, payload: e.payload }));
  return [JSON.stringify(input), occurredAt, occurredAt, occurredAt, occurredAt];
}

function appended(events: NewEvent[], rows: AppendedRow[], occurredAt: Date): Appended {
  const byIndex = new Map(rows.map((row) => [row.i, row]));
  const stored: StoredEvent[] = [];
  const deliveries: NewDelivery[] = [];
  const at = occurredAt.toISOString();
  events.forEach((event, i) => {
    const row = byIndex.get(i)!;
    stored.push({ ...event, id: row.id, sequence: Number(row.sequence), occurredAt: at });
    for (const deliveryId of row.delivery_ids ?? []) deliveries.push({ tenantId: event.tenantId, deliveryId });
  });
  return { events: stored, deliveries };
}

/** Appends events inside the caller's transaction, in one statement. */
export async function appendEvents(em: TenantEm | PlatformEm, events: NewEvent[]): Promise<Appended> {
  if (events.length === 0) return { events: [], deliveries: [] };
  const occurredAt = clock.now();
  const rows = await appendSql(em, events, `with ${EVENT_CTES}`, eventParams(events, occurredAt));
  return appended(events, rows, occurredAt);
}

/**
 * One statement that writes a change and its events (for hot paths: no transaction round trips).
 * `changeCtes` are CTEs ("name as (...), ...") whose bind parameters are `changeParams`; the statement
 * answers the appended events; hand them to `EventOutbox.committed` once it returned.
 */
export async function withEvents(scope: SqlScope, changeCtes: string, changeParams: readonly unknown[], events: NewEvent[]): Promise<Appended> {
  const occurredAt = clock.now();
  const rows = await appendSql(scope, events, `with ${changeCtes}, ${EVENT_CTES}`, [...changeParams, ...eventParams(events, occurredAt)]);
  return appended(events, rows, occurredAt);
}

/** An event as `withEventsOf` answers it: stored, with the webhook deliveries it created. */
type ComputedEventRow = { i: number; id: string; sequence: number; tenant_id: string; type: NewEvent['type']; charge_point_id: string; payload: NewEvent['payload']; delivery_ids: string[] | null };

/**
 * One statement that writes a change and its events, for a change whose events are only known inside the
 * statement (their payloads show rows it writes: ids, states it decides). `changeCtes` (bind parameters
 * `changeParams`) define a CTE `new_events (i, tenant_id, type, charge_point_id, payload)`, `i` giving the
 * events' order; `result` is a select list over the change's CTEs, answered as the statement's one row.
 * Hand `appended` to `EventOutbox.committed` once it returned.
 */
export async function withEventsOf<R extends object>(
  scope: SqlScope,
  changeCtes: string,
  changeParams: readonly unknown[],
  result: string,
): Promise<{ row: R; appended: Appended }> {
  const occurredAt = clock.now();
  const sql = `with ${changeCtes}, ${NEW_EVENT_CTES}
     select ${result},
            (select coalesce(jsonb_agg(jsonb_build_object('i', n.i, 'id', n.id, 'sequence', n.sequence, 'tenant_id', n.tenant_id, 'type', n.type,
                    'charge_point_id', n.charge_point_id, 'payload', n.payload,
                    'delivery_ids', (select to_jsonb(array_agg(d.id)) from deliveries d where d.event_id = n.id)) order by n.i), '[]'::jsonb)
               from numbered n) as stored_events__`;
  const params = [...changeParams, occurredAt, occurredAt, occurredAt, occurredAt];
  // In a tenant's scope its events are its own (their rows say $tenant); in the platform scope (the
  // group-committed writers) each event names the tenant of the row it reports.
  const [row] = await scopedSql<R & { stored_events__: ComputedEventRow[] }>(scope, sql, params);
  const { stored_events__: rows, ...rest } = row;
  const events = rows.map((r) => ({ type: r.type, tenantId: r.tenant_id, chargePointId: r.charge_point_id, payload: r.payload }) as NewEvent);
  return { row: rest as unknown as R, appended: appended(events, rows.map((r, i) => ({ i, id: r.id, sequence: String(r.sequence), delivery_ids: r.delivery_ids })), occurredAt) };
}

/**
 * The one way to publish an event of the event log: stored in the transaction of the change it reports
 * (a transactional outbox), then, after commit, published live (subscriptions on every node) and handed to
 * webhook delivery. Nothing is published for a transaction that rolled back.
 */
export class EventOutbox {
  constructor(
    private readonly bus: EventBus<LiveEvent>,
    /** Wakes webhook delivery: deliveries were committed. */
    private readonly wakeDelivery: () => void,
  ) {}

  /**
   * Runs `work` in a transaction on `em` (a fork of it); the events it emits are stored at its end, in that
   * transaction, and published once it committed.
   */
  async transaction<E extends TenantEm | PlatformEm, T>(em: E, work: (tx: E, emit: Emit) => Promise<T>): Promise<T> {
    const emitted: NewEvent[] = [];
    let appended: Appended = { events: [], deliveries: [] };
    const result = await em.transactional(async (tx) => {
      emitted.length = 0;
      const value = await work(tx as E, (event) => emitted.push(event));
      appended = await appendEvents(tx, emitted);
      return value;
    });
    this.committed(appended);
    return result;
  }

  /** Stores events that report nothing else written (or written already): one statement, its own commit. */
  async record(em: TenantEm, events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.committed(await appendEvents(em, events));
  }

  /** After commit: live subscribers, then webhook delivery (which also looks for due deliveries every second). */
  committed(appended: Appended): void {
    for (const event of appended.events) this.bus.publish(liveEvent(event));
    if (appended.deliveries.length > 0) this.wakeDelivery();
  }
}

function liveEvent(event: StoredEvent): LiveEvent {
  const { id, sequence, type, occurredAt, tenantId, chargePointId, payload } = event;
  // LIVE_TYPE pairs each stored type with its subscription, as LiveEvent's members do.
  return { type: LIVE_TYPE[type], tenantId, chargePointId, payload, logged: { id, sequence, type, occurredAt } } as LiveEvent;
}
