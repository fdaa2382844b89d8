import type { AppContext } from './app-context';
import { loadConfig, type Config } from './config';
import { Cluster } from './ingress/cluster';
import { LastSeenTracker } from './modules/charge-point/last-seen.tracker';
import { CommandService } from './modules/command/command.service';
import { withTimeout } from './platform/async';
import { closeDatabase, openDatabase } from './platform/db';
import { EventBus } from './platform/event-bus';
import type { LiveEvent } from './modules/event/event-types';
import { HttpServer } from './platform/http-server';
import { listenMetrics } from './platform/metrics-server';
import { createLogger, type Logger } from './platform/logger';
import { createRedis, RedisKeys } from './platform/redis';
import { Jobs } from './platform/queues';
import { startTracing } from './platform/tracing';
import { scheduleCommand } from './modules/command/command.jobs';
import { StatusNotificationWriter } from './modules/charge-point/status-notification.writer';
import { MeterValuesWriter } from './modules/transaction/transaction.service';
import { EventOutbox } from './modules/event/event-outbox';
import { webhookNudger } from './modules/webhook/webhook-dispatcher';
import { ROLE_MODULES, type RunningRole } from './roles';
import { openFilesSoftLimit } from './platform/open-files';
import { LogThrottle } from './platform/log-throttle';

/** How long /readyz waits for PostgreSQL and Redis before answering 503. */
const READY_TIMEOUT_MS = 2000;

/** API_MAX_CONNECTIONS, or a quarter of the open-files limit: API clients can never use up what chargers need. */
function apiMaxConnections(configured: number): number | undefined {
  if (configured > 0) return configured;
  const limit = openFilesSoftLimit();
  return Number.isFinite(limit) ? Math.max(64, Math.floor(limit / 4)) : undefined;
}

export interface RunningServer {
  app: AppContext;
  ocppPort: number | undefined;
  /** The wss:// listener's port, when OCPP_TLS_CERT/OCPP_TLS_KEY are set. */
  ocppTlsPort: number | undefined;
  apiPort: number;
  /** Set when METRICS_PORT is: /metrics is served there only. */
  metricsPort: number | undefined;
  stop(): Promise<void>;
}

/** Starts the roles named in the config in this process; used by main.ts and by the tests. */
export async function startServer(config: Config = loadConfig(), log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const stopTracing = await startTracing(config, log);
  const orm = await openDatabase(config.databaseUrl, log, config.dbPoolMax);
  // The request-path connection fails a command after REDIS_COMMAND_TIMEOUT_MS instead of holding it
  // until Redis comes back; the subscriber keeps waiting (it re-subscribes by itself).
  const redis = createRedis(config.redisUrl, { commandTimeout: config.redisCommandTimeoutMs });
  const subscriber = createRedis(config.redisUrl);
  redis.on('error', (error) => log.warn({ err: error }, 'redis error'));
  subscriber.on('error', (error) => log.warn({ err: error }, 'redis subscriber error'));
  const keys = new RedisKeys(config.redisPrefix);
  const events = new EventBus<LiveEvent>(redis, subscriber, keys, log);
  const cluster = new Cluster(config.nodeId, redis, subscriber, keys, log, { presenceTtlS: config.presenceTtlS });
  await cluster.start();
  await events.start();
  const jobs = new Jobs(config, keys, log);
  // The closures below read `app` only when they run, after it is built.
  const outbox = new EventOutbox(events, webhookNudger({ redis, keys, log }));
  const lastSeen = new LastSeenTracker(orm, log, outbox);
  lastSeen.start();
  const meterValues = new MeterValuesWriter(orm, outbox);
  const statusNotifications = new StatusNotificationWriter(orm, outbox);
  const commands = new CommandService(() => app, (command) => scheduleCommand(app, command));
  const app: AppContext = { config, orm, log, redis, keys, events, outbox, cluster, lastSeen, meterValues, statusNotifications, commands, jobs };

  // Ready only when both answer, and within READY_TIMEOUT_MS: a client that cannot reach Redis queues
  // commands instead of failing them, so a down Redis would otherwise hang the probe.
  const maxConnections = apiMaxConnections(config.apiMaxConnections);
  const dropLog = new LogThrottle();
  const http = new HttpServer(() =>
    withTimeout(Promise.all([orm.isConnected(), redis.ping()]), READY_TIMEOUT_MS).then(
      ([pg, pong]) => pg && pong === 'PONG',
      () => false,
    ),
    {
      headersTimeoutMs: config.httpHeadersTimeoutMs,
      serveMetrics: config.metricsPort === undefined,
      metricsToken: config.metricsToken,
      maxConnections,
      onDrop: () => {
        const suppressed = dropLog.admit('drop');
        if (suppressed !== undefined) log.warn({ maxConnections, suppressed }, 'API port at its connection cap: new connection closed');
      },
    },
  );
  const running: RunningRole[] = [];
  const ports: NonNullable<RunningRole['ports']> = {};
  for (const role of ROLE_MODULES) {
    if (!config.roles.has(role.role)) continue;
    const started = await role.start(app, http);
    running.push(started);
    Object.assign(ports, started.ports);
  }
  const apiPort = await http.listen(config.apiPort);
  const metrics = config.metricsPort === undefined ? undefined : await listenMetrics(config.metricsPort, { token: config.metricsToken, headersTimeoutMs: config.httpHeadersTimeoutMs });
  log.info({ port: apiPort, roles: [...config.roles], nodeId: config.nodeId }, 'QCharge started');
  if (config.adminApiKey !== undefined && config.adminApiKey.length < 16) log.warn('ADMIN_API_KEY is shorter than 16 characters: use a long random key in production');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const role of [...running].reverse()) await role.disconnect?.();
      await http.close();
      await metrics?.close();
      for (const role of [...running].reverse()) await role.stop?.().catch((error) => log.warn({ err: error }, 'role stop failed'));
      await lastSeen.stop();
      await cluster.stop();
      await app.jobs.close();
      subscriber.disconnect();
      await redis.quit().catch(() => undefined);
      await closeDatabase(orm);
      await stopTracing();
    })());
  return { app, ocppPort: ports.ocpp, ocppTlsPort: ports.ocppTls, apiPort, metricsPort: metrics?.port, stop };
}
