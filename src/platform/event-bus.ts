import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';
import type { RedisKeys } from './redis';
import type { Logger } from './logger';
import { Counts } from './counts';

/** What the bus needs of an event: the tenant it is published to, and a type for its log lines. */
export interface BusEvent {
  type: string;
  tenantId: string;
}

/** How long a node trusts what it learnt about a tenant having subscribers anywhere. */
const WATCHED_TTL_MS = 1000;

/**
 * The one way to publish an event. Every event goes through Redis on a channel per tenant and event type,
 * so a subscriber on any node sees events from charge points on any node. Subscribing is reference-counted
 * per channel: a node only listens to the channels somebody on it is watching.
 *
 * Every OCPP frame is an event, and usually nobody watches: publishing is skipped for a channel no node
 * subscribes to (PUBSUB NUMSUB, cached for a second), so an integrator watching one type of a tenant's
 * events does not make every frame of that tenant go through Redis. A new subscription announces its
 * channels on a control channel before `subscribe` returns, so every node publishes them again at once.
 * One node publishes on one connection and each node listens on one, so events of one node reach a
 * subscriber in the order published, whatever their channels.
 */
export class EventBus<E extends BusEvent> {
  private readonly local = new EventEmitter();
  /** Local listeners per channel: the node is subscribed to a channel while it has any. */
  private readonly channelRefs = new Counts();
  /** Channel names by tenant and type, made once: the per-frame check builds no string. */
  private readonly channelNames = new Map<string, Map<string, string>>();
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
      if (!this.channelRefs.has(channel)) return;
      let event: E;
      try {
        event = JSON.parse(message);
      } catch {
        return;
      }
      // The channel names the tenant and type; the event must agree before anyone local sees it.
      if (channel !== this.channel(event.tenantId, event.type)) return;
      this.local.emit(channel, event);
    });
  }

  /** Listens to the control channel; before this, a node does not learn of new subscribers at once. */
  async start(): Promise<void> {
    // After a Redis restart the subscriptions come back by themselves; say so, as a new one would.
    this.subscriber.on('ready', () => {
      for (const channel of this.channelRefs.keys()) this.announce(channel).catch(() => undefined);
    });
    await this.subscriber.subscribe(this.keys.eventSubscriberJoined());
  }

  /** Whether a tenant's events of a type may have a subscriber on some node; cheap enough to ask per frame. */
  isWatched(tenantId: string, type: E['type']): boolean {
    const channel = this.channel(tenantId, type);
    if (this.channelRefs.has(channel)) return true;
    const known = this.watched.get(channel);
    if (known && known.until > performance.now()) return known.subscribers;
    this.ask(channel);
    // Never asked yet: publish rather than risk losing an event.
    return known?.subscribers ?? true;
  }

  private ask(channel: string): void {
    if (this.asking.has(channel)) return;
    this.asking.add(channel);
    const askedAt = performance.now();
    this.publisher
      .pubsub('NUMSUB', channel)
      .then((reply) => {
        const subscribers = Number((reply as [string, number | string])[1]) > 0;
        // A join heard while the question was on its way is newer than the answer.
        if (!subscribers && (this.lastJoined.get(channel) ?? -1) >= askedAt) return;
        this.watched.set(channel, { subscribers, until: performance.now() + WATCHED_TTL_MS });
      })
      .catch(() => undefined)
      .finally(() => this.asking.delete(channel));
  }

  private joined(channel: string): void {
    const now = performance.now();
    this.lastJoined.set(channel, now);
    this.watched.set(channel, { subscribers: true, until: now + WATCHED_TTL_MS });
  }

  private async announce(channel: string): Promise<void> {
    await this.publisher.publish(this.keys.eventSubscriberJoined(), channel);
  }

  publish(event: E): void {
    if (!this.isWatched(event.tenantId, event.type)) return;
    let message: string;
    try {
      message = JSON.stringify(event);
    } catch (error) {
      // An event that cannot be serialised (a payload too deep, say) is dropped, never thrown at the publisher.
      this.log.warn({ err: error, type: event.type, tenantId: event.tenantId }, 'event not serialisable; dropped');
      return;
    }
    this.publisher.publish(this.channel(event.tenantId, event.type), message).catch((error) => {
      this.log.warn({ err: error, type: event.type }, 'event publish failed');
    });
  }

  private channel(tenantId: string, type: string): string {
    let byType = this.channelNames.get(tenantId);
    if (!byType) this.channelNames.set(tenantId, (byType = new Map()));
    let name = byType.get(type);
    if (name === undefined) byType.set(type, (name = this.keys.events(tenantId, type)));
    return name;
  }

  /** Listens to one tenant's events of the given types; returns the function that stops listening. */
  async subscribe(tenantId: string, types: ReadonlyArray<E['type']>, listener: (event: E) => void): Promise<() => void> {
    const channels = [...new Set(types)].map((type) => this.channel(tenantId, type));
    const fresh: string[] = [];
    for (const channel of channels) {
      this.local.on(channel, listener);
      if (this.channelRefs.add(channel) === 1) fresh.push(channel);
    }
    if (fresh.length > 0) {
      await this.subscriber.subscribe(...fresh);
      // Redis has handed the announcements to every node's connection when this returns.
      await Promise.all(fresh.map((channel) => this.announce(channel))).catch((error) => this.log.warn({ err: error }, 'announcing a subscriber failed'));
    }
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const gone: string[] = [];
      for (const channel of channels) {
        this.local.off(channel, listener);
        if (this.channelRefs.remove(channel) === 0) gone.push(channel);
      }
      if (gone.length > 0) this.subscriber.unsubscribe(...gone).catch(() => undefined);
    };
  }
}
