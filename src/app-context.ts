import type Redis from 'ioredis';
import type { Config } from './config';
import type { Orm } from './platform/db';
import type { EventBus } from './platform/event-bus';
import type { Logger } from './platform/logger';
import type { RedisKeys } from './platform/redis';
import type { Cluster } from './ingress/cluster';
import type { LastSeenTracker } from './modules/charge-point/last-seen.tracker';
import type { CommandService } from './modules/command/command.service';
import type { MeterValuesWriter } from './modules/transaction/transaction.service';
import type { StatusNotificationWriter } from './modules/charge-point/status-notification.writer';
import type { Jobs } from './platform/queues';
import type { EventOutbox } from './modules/event/event-outbox';
import type { LiveEvent } from './modules/event/event-types';

/** The process-wide services every role shares. Built once per process, in server.ts. */
export interface AppContext {
  config: Config;
  orm: Orm;
  log: Logger;
  redis: Redis;
  keys: RedisKeys;
  events: EventBus<LiveEvent>;
  /** The one way to publish an event-log event: stored with its change, then published. */
  outbox: EventOutbox;
  cluster: Cluster;
  lastSeen: LastSeenTracker;
  /** MeterValues, group-committed before each is answered. */
  meterValues: MeterValuesWriter;
  /** StatusNotifications, group-committed before each is answered. */
  statusNotifications: StatusNotificationWriter;
  commands: CommandService;
  /** BullMQ producer side (every role); processors run in the worker role. See platform/queues.ts. */
  jobs: Jobs;
}
