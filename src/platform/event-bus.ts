import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';
import type { RedisKeys } from './redis';
import type { Logger } from './logger';

export type EventType =
  | 'ocppMessage'
  | 'chargePointConnectionChanged'
  | 'connectorStatusChanged'
  | 'transactionUpdated'
  | 'commandUpdated';

export interface DomainEvent<T = Record<string, unknown>> {
  type: EventType;
  tenantId: string;
  chargePointId: string;
  payload: T;
}

/**
 * The one way to publish an event. Every event goes through Redis on a per-tenant channel, so a
 * subscriber on any node sees events from charge points on any node. Subscribing is reference-counted
 * per tenant: a node only listens to tenants somebody on it is watching.
 */
export class EventBus {
  private readonly local = new EventEmitter();
  private readonly tenantRefs = new Map<string, number>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly keys: RedisKeys,
    private readonly log: Logger,
  ) {
    this.local.setMaxListeners(0);
    this.subscriber.on('message', (channel: string, message: string) => {
      let event: DomainEvent;
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

  publish(event: DomainEvent): void {
    this.publisher.publish(this.keys.events(event.tenantId), JSON.stringify(event)).catch((error) => {
      this.log.warn({ err: error, type: event.type }, 'event publish failed');
    });
  }

  /** Listens to one tenant's events; returns the function that stops listening. */
  async subscribe(tenantId: string, listener: (event: DomainEvent) => void): Promise<() => void> {
    const refs = this.tenantRefs.get(tenantId) ?? 0;
    this.tenantRefs.set(tenantId, refs + 1);
    this.local.on(tenantId, listener);
    if (refs === 0) await this.subscriber.subscribe(this.keys.events(tenantId));
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
