import type Redis from 'ioredis';
import type { AppContext } from '../../app-context';
import { platformSql } from '../../platform/db';
import { clock } from '../../platform/clock';
import { Counts } from '../../platform/counts';
import { GroupCommit } from '../../platform/group-commit';
import { trackWebhookBacklog, webhookAttempts } from '../../platform/metrics';
import { deliver, DELIVERY_TIMEOUT_MS, type ClaimedDelivery, type DeliveryOutcome } from './webhook-delivery';

/** POSTs in flight per worker process. */
const MAX_IN_FLIGHT = 128;
/** POSTs in flight to one endpoint per worker process: one slow receiver holds only its own. */
const SLOTS_PER_WEBHOOK = 16;
/** A claimed attempt is another worker's to take once this passed (its worker died mid-delivery): at least once. */
const CLAIM_LEASE_MS = DELIVERY_TIMEOUT_MS + 5_000;
/** Due attempts are looked for this often without a nudge (retries come due, a nudge was lost, a worker died). */
const POLL_MS = 1_000;
/** Candidates one claim looks at, before the per-endpoint slots are applied. */
const CLAIM_SCAN = 500;

/**
 * Claims due PENDING attempts of every tenant (each row names its tenant; one statement): the oldest first,
 * at most `free` in all and at most the free slots of each endpoint, locked against other workers by a lease
 * (`claimed_until`) rather than a held transaction. Answers each with its webhook and event. The endpoints
 * whose slots are all taken here are left out of the scan, so a slow endpoint's backlog of older attempts
 * never hides another endpoint's (another tenant's) due ones.
 */
const CLAIM_SQL = `with candidates as (
       select id, webhook_id, next_attempt_at from webhook_delivery
        where status = 'PENDING' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)
          and not (webhook_id = any(string_to_array(?, ',')::uuid[]))
        order by next_attempt_at
        limit ${CLAIM_SCAN}
        for update skip locked
     ), ranked as (
       select c.id, c.next_attempt_at, row_number() over (partition by c.webhook_id order by c.next_attempt_at) as n,
              coalesce((?::jsonb ->> c.webhook_id::text)::int, 0) as busy
         from candidates c
     ), chosen as (
       select id from ranked where n + busy <= ${SLOTS_PER_WEBHOOK} order by next_attempt_at limit ?
     ), claimed as (
       update webhook_delivery d set claimed_until = ? from chosen where d.id = chosen.id
       returning d.id, d.tenant_id, d.webhook_id, d.event_id, d.attempt, d.first_attempt_at, d.next_attempt_at
     )
     select c.id, c.tenant_id, c.webhook_id, c.attempt, c.first_attempt_at, w.url, w.secret, w.enabled,
            c.event_id, e.sequence, e.type, e.charge_point_id, e.occurred_at, e.payload
       from claimed c
       left join webhook w on w.id = c.webhook_id and w.tenant_id = c.tenant_id
       left join event e on e.id = c.event_id and e.tenant_id = c.tenant_id
      order by c.next_attempt_at`;

/** Due attempts no worker holds, for the backlog gauge; counting stops at a bound, so a scrape stays cheap. */
const BACKLOG_SQL = `select count(*)::int as due from (
       select 1 from webhook_delivery
        where status = 'PENDING' and next_attempt_at <= now() and (claimed_until is null or claimed_until < now())
        limit 1000000
     ) due`;

/** Writes final outcomes, many in one statement: each row binds its own tenant. */
const FINISH_SQL = `update webhook_delivery d
        set status = x.status, http_status = x.http_status, error = x.error, next_attempt_at = null, claimed_until = null
       from jsonb_to_recordset(?::jsonb) as x(id uuid, tenant_id uuid, status varchar, http_status integer, error varchar)
      where d.id = x.id and d.tenant_id = x.tenant_id and d.status = 'PENDING'`;

/**
 * Webhook delivery (worker role). The deliveries are rows of the event log's transaction (webhook_delivery,
 * PENDING); this takes the due ones straight from the table, so an event costs no queue job: it is woken
 * by a nudge on Redis when new deliveries commit (`nudgeWebhookDispatch`) and looks every second anyway.
 * Several workers share the table: a claim is a lease, so a worker that dies mid-delivery leaves its
 * attempts to the others after CLAIM_LEASE_MS (the receiver may get an event twice: at least once).
 */
export class WebhookDispatcher {
  /** POSTs in flight, per endpoint and in all. */
  private readonly busy = new Counts();
  private pumping = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private subscriber: Redis | undefined;
  private untrackBacklog: (() => void) | undefined;
  private readonly finished: GroupCommit<DeliveryOutcome, void>;

  constructor(private readonly app: AppContext) {
    this.finished = new GroupCommit<DeliveryOutcome, void>(
      async (outcomes) => {
        const rows = outcomes.map((o) => ({ id: o.id, tenant_id: o.tenantId, status: o.status, http_status: o.httpStatus, error: o.error }));
        await platformSql(this.app.orm, FINISH_SQL, [JSON.stringify(rows)]);
        return outcomes.map(() => undefined);
      },
      { maxInFlight: 1, maxBatch: 500 },
    );
  }

  async start(): Promise<void> {
    this.subscriber = this.app.redis.duplicate();
    this.subscriber.on('error', (error) => this.app.log.warn({ err: error }, 'webhook dispatcher: redis subscriber error'));
    this.subscriber.on('message', () => this.pump());
    await this.subscriber.subscribe(this.app.keys.webhookNudge());
    this.timer = setInterval(() => this.pump(), POLL_MS);
    this.untrackBacklog = trackWebhookBacklog(async () => (await platformSql<{ due: number }>(this.app.orm, BACKLOG_SQL, []))[0]?.due ?? 0);
    this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.untrackBacklog?.();
    this.subscriber?.disconnect();
    // Attempts in flight end within DELIVERY_TIMEOUT_MS; their outcomes are written before stop returns.
    while (this.busy.total > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    await this.finished.drain();
  }

  /** Claims and starts what is due, until nothing is or every slot is taken; one claim at a time. */
  private pump(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.claimAll()
      .catch((error) => this.app.log.warn({ err: error }, 'webhook dispatcher: claiming deliveries failed'))
      .finally(() => {
        this.pumping = false;
        if (this.again) {
          this.again = false;
          this.pump();
        }
      });
  }

  private async claimAll(): Promise<void> {
    while (!this.stopped && this.busy.total < MAX_IN_FLIGHT) {
      const free = MAX_IN_FLIGHT - this.busy.total;
      const now = clock.now();
      const saturated = [...this.busy.entries()].filter(([, held]) => held >= SLOTS_PER_WEBHOOK).map(([webhookId]) => webhookId);
      const claimed = await platformSql<ClaimedDelivery>(this.app.orm, CLAIM_SQL, [
        now,
        now,
        saturated.join(','),
        JSON.stringify(Object.fromEntries(this.busy.entries())),
        free,
        new Date(now.getTime() + CLAIM_LEASE_MS),
      ]);
      for (const row of claimed) this.run(row);
      if (claimed.length < free) return;
    }
  }

  private run(row: ClaimedDelivery): void {
    this.busy.add(row.webhook_id);
    void deliver(this.app, row)
      .then((outcome) => {
        webhookAttempts.inc({ outcome: outcome ? (outcome.status === 'DELIVERED' ? 'delivered' : 'dead') : 'retry' });
        return outcome ? this.finished.submit(outcome) : undefined;
      })
      .catch((error) => {
        webhookAttempts.inc({ outcome: 'error' });
        this.app.log.warn({ err: error, deliveryId: row.id }, 'webhook delivery failed; retried once its claim lapses');
      })
      .finally(() => {
        this.busy.remove(row.webhook_id);
        // The freed slot may be what held due attempts back (a claim made meanwhile counted it busy).
        this.pump();
      });
  }
}

type Nudging = Pick<AppContext, 'redis' | 'keys' | 'log'>;

/** Wakes the dispatchers of every worker: a delivery was made due. */
export function nudgeWebhookDispatch(app: Nudging): void {
  app.redis.publish(app.keys.webhookNudge(), '1').catch((error) => app.log.warn({ err: error }, 'webhook nudge failed; dispatchers look every second'));
}

/** `nudgeWebhookDispatch` for the event outbox: at most one nudge per tick of this process, however many commits. */
export function webhookNudger(app: Nudging): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      nudgeWebhookDispatch(app);
    });
  };
}
