import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';
import type { RedisKeys } from './redis';
import type { Logger } from './logger';

/** What the bus needs of an event: the tenant it is published to, and a type for its log lines. */
export interface BusEvent {
  type: string;
  tenantId: string;
}

/** How long a node trusts what it learnt about a tenant having subscribers anywhere. */
const WATCHED_TTL_MS = 1000;

/**
 * The one way to publish an event. Every event goes through Redis on a per-tenant channel, so a
 * subscriber on any node sees events from charge points on any node. Subscribing is reference-counted
 * per tenant: a node only listens to tenants somebody on it is watching.
 *
 * Every OCPP frame is an event, and usually nobody watches: publishing is skipped for a tenant no node
 * subscribes to (PUBSUB NUMSUB, cached for a second). A new subscription announces itself on a control
 * channel before `subscribe` returns, so every node publishes that tenant's events again at once.
 */
export class EventBus<E extends BusEvent> {
  private readonly local = new EventEmitter();
  private readonly tenantRefs = new Map<string, number>();
  private readonly watched = new Map<string, { subscribers: boolean; until: number }>();
  private readonly lastJoined = new Map<string, number>();
  private readonly asking = new Set<string>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly keys: RedisKeys,
    private readonly log: Logger,
  ) {
    this.local.setMaxListeners(0);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.keys.eventSubscriberJoined()) return this.joined(message);
      let event: E;
      try {
        event = JSON.parse(message);
      } catch {
        return;
      }
      // The channel names the tenant; the event must agree before anyone local sees it.
      if (channel !== this.keys.events(event.tenantId)) return;
      this.local.emit(event.tenantId, event);
    });
  }

  /** Listens to the control channel; before this, a node does not learn of new subscribers at once. */
  async start(): Promise<void> {
    // After a Redis restart the subscriptions come back by themselves; say so, as a new one would.
    this.subscriber.on('ready', () => {
      for (const tenantId of this.tenantRefs.keys()) this.announce(tenantId).catch(() => undefined);
    });
    await this.subscriber.subscribe(this.keys.eventSubscriberJoined());
  }

  /** Whether a tenant's events may have a subscriber on some node; cheap enough to ask per frame. */
  isWatched(tenantId: string): boolean {
    if (this.tenantRefs.has(tenantId)) return true;
    const known = this.watched.get(tenantId);
    if (known && known.until > performance.now()) return known.subscribers;
    this.ask(tenantId);
    // Never asked yet: publish rather than risk losing an event.
    return known?.subscribers ?? true;
  }

  private ask(tenantId: string): void {
    if (this.asking.has(tenantId)) return;
    this.asking.add(tenantId);
    const askedAt = performance.now();
    this.publisher
      .pubsub('NUMSUB', this.keys.events(tenantId))
      .then((reply) => {
        const subscribers = Number((reply as [string, number | string])[1]) > 0;
        // A join heard while the question was on its way is newer than the answer.
        if (!subscribers && (this.lastJoined.get(tenantId) ?? -1) >= askedAt) return;
        this.watched.set(tenantId, { subscribers, until: performance.now() + WATCHED_TTL_MS });
      })
      .catch(() => undefined)
      .finally(() => this.asking.delete(tenantId));
  }

  private joined(tenantId: string): void {
    const now = performance.now();
    this.lastJoined.set(tenantId, now);
    this.watched.set(tenantId, { subscribers: true, until: now + WATCHED_TTL_MS });
  }

  private async announce(tenantId: string): Promise<void> {
    await this.publisher.publish(this.keys.eventSubscriberJoined(), tenantId);
  }

  publish(event: E): void {
    if (!this.isWatched(event.tenantId)) return;
    let message: string;
    try {
      message = JSON.stringify(event);
    } catch (error) {
      // An event that cannot be serialised (a payload too deep, say) is dropped, never thrown at the publisher.
      this.log.warn({ err: error, type: event.type, tenantId: event.tenantId }, 'event not serialisable; dropped');
      return;
    }
    this.publisher.publish(this.keys.events(event.tenantId), message).catch((error) => {
      this.log.warn({ err: error, type: event.type }, 'event publish failed');
    });
  }

  /** Listens to one tenant's events; returns the function that stops listening. */
  async subscribe(tenantId: string, listener: (event: E) => void): Promise<() => void> {
    const refs = this.tenantRefs.get(tenantId) ?? 0;
    this.tenantRefs.set(tenantId, refs + 1);
    this.local.on(tenantId, listener);
    if (refs === 0) {
      await this.subscriber.subscribe(this.keys.events(tenantId));
      // Redis has handed the announcement to every node's connection when this returns.
      await this.announce(tenantId).catch((error) => this.log.warn({ err: error }, 'announcing a subscriber failed'));
    }
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.local.off(tenantId, listener);
      const left = (this.tenantRefs.get(tenantId) ?? 1) - 1;
      if (left <= 0) {
        this.tenantRefs.delete(tenantId);
        this.subscriber.unsubscribe(this.keys.events(tenantId)).catch(() => undefined);
      } else {
        this.tenantRefs.set(tenantId, left);
      }
    };
  }
}
