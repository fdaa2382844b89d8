import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { RPCClient } from './rpc-client';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/platform/logger';
import { startServer, type RunningServer } from '../../src/server';
import { testDatabaseUrl } from './test-database';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Config for a real server on free ports, sharing this run's database, with its own Redis key prefix. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const env = {
    DATABASE_URL: testDatabaseUrl,
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `${process.env.QCHARGE_TEST_REDIS_PREFIX}${randomBytes(3).toString('hex')}:`,
    OCPP_PORT: '0',
    OCPP_TLS_PORT: '0',
    API_PORT: '0',
    FTP_PORT: '0',
    ADMIN_API_KEY: ADMIN_KEY,
    OCPP_CALL_TIMEOUT_MS: '3000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'silent',
    // Uploaded files go to the machine's temp dir, never into the checkout.
    DATA_DIR: process.env.QCHARGE_TEST_DATA_DIR || path.join(os.tmpdir(), 'qcharge-test-data'),
    ...overrides,
  };
  return loadConfig(env);
}

export async function startTestServer(overrides: Record<string, string> = {}): Promise<RunningServer> {
  const config = testConfig(overrides);
  return startServer(config, createLogger(config.logLevel));
}

export interface ChargePointClientOptions {
  server: RunningServer;
  tenantSlug: string;
  identity: string;
  password?: string;
  protocols?: string[];
}

/** An independent OCPP-J 1.6 charge point (ocpp-rpc in strict mode). */
export async function connectChargePoint(options: ChargePointClientOptions): Promise<RPCClient> {
  const client = new RPCClient({
    endpoint: `ws://127.0.0.1:${options.server.ocppPort}/ocpp/${options.tenantSlug}`,
    identity: options.identity,
    password: options.password,
    protocols: options.protocols ?? ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
    callTimeoutMs: 10000,
  });
  await client.connect();
  return client;
}

export function waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 5000, intervalMs = 25): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = predicate();
      if (value) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error('waitFor timed out'));
      setTimeout(tick, intervalMs);
    };
    tick();
  });
}

/** Polls an async probe until it returns something truthy (which it resolves with), or fails after timeoutMs. */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('eventually: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
