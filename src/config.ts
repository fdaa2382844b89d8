import os from 'node:os';
import path from 'node:path';

/** One typed configuration object, parsed from the environment once and validated at start. */
export type Role = 'ingress' | 'api' | 'worker';

export interface Config {
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every Redis key, channel and BullMQ queue, so several deployments (or test runs) share one Redis. */
  redisPrefix: string;
  ocppPort: number;
  apiPort: number;
  adminApiKey: string | undefined;
  ocppCallTimeoutMs: number;
  heartbeatIntervalS: number;
  publicApiUrl: string;
  roles: Set<Role>;
  logLevel: string;
  /** Identifies this process in presence records and cross-node routing. */
  nodeId: string;
  /** Directory where uploaded diagnostics and firmware files are stored. */
  dataDir: string;
  /** Optional TLS for the OCPP listener (security profile 2). */
  ocppTlsCert: string | undefined;
  ocppTlsKey: string | undefined;
  /** Port of the wss:// listener (beside ws:// on ocppPort) when ocppTlsCert/ocppTlsKey are set. */
  ocppTlsPort: number;
  /** Encrypts the tenants' CA private keys at rest (CA_KEY_ENCRYPTION_KEY); unset: a key file in dataDir. */
  caKeyEncryptionKey: string | undefined;
  /** Behind a load balancer: take the client address from X-Forwarded-For (for login-failure limits). */
  trustProxy: boolean;
  /** Failed Basic logins a minute, per client address and per charge point, before 429. */
  authFailuresPerAddress: number;
  /** Failed Basic logins a minute for one charge point from one address (never per charge point alone). */
  authFailuresPerChargePoint: number;
  /** Upgrades a minute, per client address, naming an unknown tenant or charge point (404) before 429. */
  ocppNotFoundPerAddress: number;
  /** Time a client has to send its HTTP headers, on the OCPP and API listeners. */
  httpHeadersTimeoutMs: number;
  /** Time from TCP connect to a finished, authenticated WebSocket upgrade on the OCPP listener. */
  ocppHandshakeTimeoutMs: number;
  /** OCPP sockets connected but not yet upgraded: in total, and per client (TCP) address. */
  ocppPendingTotal: number;
  ocppPendingPerAddress: number;
  /** Open files kept free: within this many of the soft limit, new OCPP upgrades get 503 (0: 10% of the limit, at most 500). */
  openFilesHeadroom: number;
  /** Connections the API port holds at once, idle keep-alive and WebSocket ones included (0: a quarter of the open-files limit). */
  apiMaxConnections: number;
  /** If set, /metrics is served on this port only, not on API_PORT. */
  metricsPort: number | undefined;
  /** If set, /metrics answers only with `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Bytes of firmware images one tenant may keep hosted. */
  firmwareQuotaBytes: number;
  /** Seconds a presence record lives without refresh: how long a crashed node's charge points still look connected. */
  presenceTtlS: number;
  /** StatusNotification history, meter values and finished commands older than this many days are deleted. */
  retentionDays: number;
  /** How often the worker reconciles presence (charge points of crashed nodes are marked disconnected). */
  maintenanceIntervalS: number;
  /** GraphQL introspection (GRAPHQL_INTROSPECTION, default true); turn off in production if wanted. */
  graphqlIntrospection: boolean;
  /** GraphiQL at GET /graphql for browsers (GRAPHQL_IDE, default true). */
  graphqlIde: boolean;
  /** PostgreSQL connections per process (DB_POOL_MAX). */
  dbPoolMax: number;
  /** Calls a second one charge point may send, sustained, and in one burst (a token bucket per connection). */
  ocppRateLimitPerS: number;
  ocppRateLimitBurst: number;
  /** Unsent answer bytes to one charge point before reading from it pauses, and how long it may stay so before it is closed. */
  ocppSendBufferBytes: number;
  ocppSendStallMs: number;
  graphqlMaxSubscriptionsPerConnection: number;
  graphqlMaxSubscriptionsPerKey: number;
  graphqlWsMaxBufferedBytes: number;
  redisCommandTimeoutMs: number;
  /** FTP upload listener of the api role (0: any free port, then the bound one). */
  ftpPort: number;
  /** Host put into ftp:// upload URLs and PASV answers. */
  publicFtpHost: string;
  /** Passive-mode data ports. */
  ftpPasvMin: number;
  ftpPasvMax: number;
  /** Days the event log (and its webhook delivery log) is kept (EVENT_RETENTION_DAYS). */
  eventRetentionDays: number;
  /** Hours a webhook delivery is retried before it is DEAD (WEBHOOK_RETRY_HOURS; fractions allowed). */
  webhookRetryHours: number;
  /** Webhooks may target private, loopback and link-local addresses (WEBHOOK_ALLOW_PRIVATE). */
  webhookAllowPrivate: boolean;
  /** OTLP/HTTP collector base URL (OTEL_EXPORTER_OTLP_ENDPOINT); traces are exported only when set. */
  otelEndpoint: string | undefined;
  /** service.name on every span (OTEL_SERVICE_NAME, default qcharge). */
  otelServiceName: string;
}

export class ConfigError extends Error {}

const ROLE_NAMES: Role[] = ['ingress', 'api', 'worker'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value <= 0 || value > max) throw new ConfigError(`${name} must be a number above 0 and at most ${max}, got "${raw}"`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const apiPort = int(env, 'API_PORT', 4000, 0, 65535);
  const rolesRaw = (env.ROLES || ROLE_NAMES.join(','))
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const role of rolesRaw) {
    if (!ROLE_NAMES.includes(role as Role)) {
      throw new ConfigError(`ROLES contains unknown role "${role}" (allowed: ${ROLE_NAMES.join(', ')})`);
    }
  }
  if (rolesRaw.length === 0) throw new ConfigError('ROLES must name at least one role');
  const logLevel = (env.LOG_LEVEL || 'info').trim().toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const adminApiKey = env.ADMIN_API_KEY || undefined;
  const ocppTlsCert = env.OCPP_TLS_CERT || undefined;
  const ocppTlsKey = env.OCPP_TLS_KEY || undefined;
  if (Boolean(ocppTlsCert) !== Boolean(ocppTlsKey)) {
    throw new ConfigError('OCPP_TLS_CERT and OCPP_TLS_KEY must be set together');
  }
  const publicFtpHost = env.PUBLIC_FTP_HOST || new URL(url(env, 'PUBLIC_API_URL', `http://127.0.0.1:${apiPort}`, ['http:', 'https:'])).hostname;
  const ftpPasvMin = int(env, 'FTP_PASV_MIN', 30000, 1024, 65535);
  const ftpPasvMax = int(env, 'FTP_PASV_MAX', 30099, 1024, 65535);
  if (ftpPasvMax < ftpPasvMin) throw new ConfigError('FTP_PASV_MAX must not be below FTP_PASV_MIN');
  return {
    databaseUrl: url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/qcharge', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisPrefix: env.REDIS_PREFIX || 'qcharge:',
    ocppPort: int(env, 'OCPP_PORT', 9000, 0, 65535),
    apiPort,
    adminApiKey,
    ocppCallTimeoutMs: int(env, 'OCPP_CALL_TIMEOUT_MS', 30000, 100, 600000),
    heartbeatIntervalS: int(env, 'HEARTBEAT_INTERVAL_S', 300, 1, 86400),
    publicApiUrl: url(env, 'PUBLIC_API_URL', `http://127.0.0.1:${apiPort}`, ['http:', 'https:']).replace(/\/$/, ''),
    roles: new Set(rolesRaw as Role[]),
    logLevel,
    nodeId: env.NODE_ID || `${os.hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    dataDir: env.DATA_DIR || path.resolve('data'),
    ocppTlsCert,
    ocppTlsKey,
    ocppTlsPort: int(env, 'OCPP_TLS_PORT', 9443, 0, 65535),
    caKeyEncryptionKey: env.CA_KEY_ENCRYPTION_KEY || undefined,
    trustProxy: bool(env, 'TRUST_PROXY', false),
    authFailuresPerAddress: int(env, 'AUTH_FAILURES_PER_ADDRESS', 100, 1, 1_000_000),
    authFailuresPerChargePoint: int(env, 'AUTH_FAILURES_PER_CHARGE_POINT', 20, 1, 1_000_000),
    ocppNotFoundPerAddress: int(env, 'OCPP_NOT_FOUND_PER_ADDRESS', 60, 1, 1_000_000),
    httpHeadersTimeoutMs: int(env, 'HTTP_HEADERS_TIMEOUT_MS', 5000, 500, 600_000),
    ocppHandshakeTimeoutMs: int(env, 'OCPP_HANDSHAKE_TIMEOUT_MS', 10_000, 500, 600_000),
    ocppPendingTotal: int(env, 'OCPP_PENDING_TOTAL', 4096, 1, 1_000_000),
    ocppPendingPerAddress: int(env, 'OCPP_PENDING_PER_ADDRESS', 1024, 1, 1_000_000),
    openFilesHeadroom: int(env, 'OPEN_FILES_HEADROOM', 0, 0, 100_000_000),
    apiMaxConnections: int(env, 'API_MAX_CONNECTIONS', 0, 0, 100_000_000),
    metricsPort: env.METRICS_PORT ? int(env, 'METRICS_PORT', 0, 0, 65535) : undefined,
    metricsToken: env.METRICS_TOKEN || undefined,
    firmwareQuotaBytes: int(env, 'FIRMWARE_QUOTA_MB', 4096, 1, 1_048_576) * 1024 * 1024,
    graphqlIntrospection: bool(env, 'GRAPHQL_INTROSPECTION', true),
    graphqlIde: bool(env, 'GRAPHQL_IDE', true),
    dbPoolMax: int(env, 'DB_POOL_MAX', 20, 2, 1000),
    presenceTtlS: int(env, 'PRESENCE_TTL_S', 90, 2, 3600),
    retentionDays: int(env, 'RETENTION_DAYS', 90, 1, 36500),
    maintenanceIntervalS: int(env, 'MAINTENANCE_INTERVAL_S', 60, 1, 86400),
    ocppRateLimitPerS: int(env, 'OCPP_RATE_LIMIT_PER_S', 100, 1, 1_000_000),
    ocppRateLimitBurst: int(env, 'OCPP_RATE_LIMIT_BURST', 1000, 1, 1_000_000),
    ocppSendBufferBytes: int(env, 'OCPP_SEND_BUFFER_KB', 1024, 16, 1_048_576) * 1024,
    ocppSendStallMs: int(env, 'OCPP_SEND_STALL_S', 30, 1, 3600) * 1000,
    graphqlMaxSubscriptionsPerConnection: int(env, 'GRAPHQL_MAX_SUBSCRIPTIONS_PER_CONNECTION', 100, 1, 100_000),
    graphqlMaxSubscriptionsPerKey: int(env, 'GRAPHQL_MAX_SUBSCRIPTIONS_PER_KEY', 500, 1, 1_000_000),
    graphqlWsMaxBufferedBytes: int(env, 'GRAPHQL_WS_MAX_BUFFERED_BYTES', 4 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    redisCommandTimeoutMs: int(env, 'REDIS_COMMAND_TIMEOUT_MS', 5000, 100, 600_000),
    ftpPort: int(env, 'FTP_PORT', 2121, 0, 65535),
    publicFtpHost,
    ftpPasvMin,
    ftpPasvMax,
    eventRetentionDays: int(env, 'EVENT_RETENTION_DAYS', 30, 1, 36500),
    webhookRetryHours: positiveNumber(env, 'WEBHOOK_RETRY_HOURS', 24, 24 * 30),
    webhookAllowPrivate: bool(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    otelEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT ? url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', '', ['http:', 'https:']) : undefined,
    otelServiceName: env.OTEL_SERVICE_NAME || 'qcharge',
  };
}
