import type { RPCClient } from './support/rpc-client';
import WebSocket from 'ws';
import { asOwner } from '../src/platform/db-scope';
import { createLogger } from '../src/platform/logger';
import { ocppRateLimited, postgresErrors } from '../src/platform/metrics';
import { startServer, type RunningServer } from '../src/server';
import { graphqlClient, subscribe, subscriptionsOpen, wsClient } from './support/graphql-client';
import { connectChargePoint, testConfig, waitFor } from './support/harness';
import { seedTenant } from './support/seed';

/**
 * Hostile charge points against one real server (logging at debug into a buffer): floods of calls, of
 * answers to nothing and of unknown actions, a client that never reads, and secrets that must not leak
 * through late answers, malformed frames or PostgreSQL errors. Each time another tenant's charger must
 * still be answered.
 */

const lines: string[] = [];
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let neighbour: Awaited<ReturnType<typeof seedTenant>>;
let calm: RPCClient;

function entries(): Array<Record<string, any>> {
  return lines.map((line) => JSON.parse(line));
}

beforeAll(async () => {
  // A short call timeout for the late-answer case, and a rate limit a 400-frame flood passes; the other
  // limits are the defaults.
  const config = testConfig({ LOG_LEVEL: 'debug', OCPP_CALL_TIMEOUT_MS: '1000', OCPP_RATE_LIMIT_PER_S: '20', OCPP_RATE_LIMIT_BURST: '100' });
  server = await startServer(config, createLogger('debug', { write: (line: string) => void lines.push(line) }));
  tenant = await seedTenant(server);
  neighbour = await seedTenant(server);
  await neighbour.chargePoint('CALM');
  calm = await connectChargePoint({ server, tenantSlug: neighbour.slug, identity: 'CALM' });
});

afterAll(async () => {
  await calm?.close({ force: true }).catch(() => undefined);
  await server?.stop();
});

interface RawCharger {
  socket: WebSocket;
  frames: any[];
  closeCode: Promise<number>;
}

async function openRaw(target: RunningServer, slug: string, identity: string): Promise<RawCharger> {
  const socket = new WebSocket(`ws://127.0.0.1:${target.ocppPort}/ocpp/${slug}/${identity}`, 'ocpp1.6');
  const frames: any[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
  socket.on('error', () => undefined);
  const closeCode = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { socket, frames, closeCode };
}

/** The neighbour's charger gets right answers (not timed: only that they come and are correct). */
async function expectNeighbourServed(times = 3): Promise<void> {
  const answers = await Promise.all(Array.from({ length: times }, () => calm.call('Heartbeat', {})));
  for (const answer of answers) expect(Number.isNaN(Date.parse((answer as { currentTime: string }).currentTime))).toBe(false);
}

async function counter(metric: typeof ocppRateLimited): Promise<number> {
  return (await metric.get()).values.reduce((sum, v) => sum + v.value, 0);
}

describe('one socket cannot starve the others', () => {
  it('answers a Heartbeat flood past the rate limit with GenericError, counts it, closes the flooder, and keeps serving another tenant', async () => {
    await tenant.chargePoint('FLOOD');
    const rateLimitedBefore = await counter(ocppRateLimited);
    const flooder = await openRaw(server, tenant.slug, 'FLOOD');
    for (let i = 0; i < 400; i++) flooder.socket.send(JSON.stringify([2, `h${i}`, 'Heartbeat', {}]));
    await expectNeighbourServed();
    expect(await flooder.closeCode).toBe(1008);
    const refused = flooder.frames.filter((f) => f[0] === 4 && f[2] === 'GenericError' && /rate limit/i.test(f[3]));
    const answered = flooder.frames.filter((f) => f[0] === 3);
    // The excess is refused without running the handler, and the flooder is cut before it is all answered.
    expect(refused.length).toBeGreaterThan(0);
    expect(answered.length + refused.length).toBeLessThan(400);
    expect((await counter(ocppRateLimited)) - rateLimitedBefore).toBeGreaterThanOrEqual(refused.length);
    await expectNeighbourServed();
  });
});

describe('floods that would fill memory and logs', () => {
  it('closes a charger sending 1,000 answers to nothing, logging a handful of warnings rather than 1,000', async () => {
    await tenant.chargePoint('ECHO');
    const echo = await openRaw(server, tenant.slug, 'ECHO');
    for (let i = 0; i < 1000; i++) echo.socket.send(JSON.stringify([3, `nothing-${i}`, {}]));
    expect(await echo.closeCode).toBe(1008);
    const warnings = entries().filter((e) => e.chargePointId === 'ECHO' && e.level === 40);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.length).toBeLessThan(20);
    await expectNeighbourServed();
  });

  it('closes a charger sending unknown actions once its bad-frame budget is spent', async () => {
    await tenant.chargePoint('NOSUCH');
    const nosuch = await openRaw(server, tenant.slug, 'NOSUCH');
    for (let i = 0; i < 100; i++) nosuch.socket.send(JSON.stringify([2, `u${i}`, 'NoSuchAction', {}]));
    expect(await nosuch.closeCode).toBe(1008);
    expect(nosuch.frames.filter((f) => f[2] === 'NotImplemented').length).toBeGreaterThan(0);
    await expectNeighbourServed();
  });

  it('closes a charger that floods calls and never reads its answers, and keeps serving another tenant', async () => {
    await tenant.chargePoint('DEAF');
    const deaf = await openRaw(server, tenant.slug, 'DEAF');
    // Never read: answers pile up in the kernel, then in the server's send buffer.
    const tcp = (deaf.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();
    for (let i = 0; i < 20_000; i++) deaf.socket.send(JSON.stringify([2, `d${i}`, 'Heartbeat', {}]));
    await expectNeighbourServed();
    // Reading again, it finds what was sent before the server gave up on it, then the close.
    tcp.resume();
    const closed = await Promise.race([deaf.closeCode, new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 8000))]);
    expect(closed).toBe(1008);
    expect(deaf.frames.length).toBeLessThan(1000);
    await expectNeighbourServed();
  });
});

describe('input errors are not outages', () => {
  it('refuses a NUL in any text a charger sends with PropertyConstraintViolation, before PostgreSQL sees it', async () => {
    await tenant.chargePoint('NULCP');
    const postgresBefore = await counter(postgresErrors);
    const raw = await openRaw(server, tenant.slug, 'NULCP');
    const now = new Date().toISOString();
    const calls: Array<[string, unknown]> = [
      ['BootNotification', { chargePointVendor: 'Q\u0000Charge', chargePointModel: 'Nul' }],
      ['Authorize', { idTag: 'NUL\u0000TAG' }],
      ['StartTransaction', { connectorId: 1, idTag: 'NUL\u0000TAG', meterStart: 0, timestamp: now }],
      ['StopTransaction', { transactionId: 1, idTag: 'NUL\u0000TAG', meterStop: 5, timestamp: now }],
      ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available', info: 'a\u0000b' }],
    ];
    calls.forEach(([action, payload], i) => raw.socket.send(JSON.stringify([2, `nul-${i}`, action, payload])));
    await waitFor(() => raw.frames.length >= calls.length);
    expect(raw.frames.map((f) => [f[0], f[1], f[2]])).toEqual(calls.map((_, i) => [4, `nul-${i}`, 'PropertyConstraintViolation']));
    expect(await counter(postgresErrors)).toBe(postgresBefore);
    // They are bad frames: the budget runs out and the charger is closed, as for any other protocol violation.
    for (let i = 0; i < 200 && raw.socket.readyState === WebSocket.OPEN; i++) raw.socket.send(JSON.stringify([2, `more-${i}`, 'Authorize', { idTag: '\u0000' }]));
    expect(await raw.closeCode).toBe(1008);
    expect(await counter(postgresErrors)).toBe(postgresBefore);
  });
});

describe('secrets on every path', () => {
  it('hides an AuthorizationKey in a GetConfiguration answer that arrives after the call timed out', async () => {
    await tenant.chargePoint('LATE');
    const secret = Buffer.from('late-secret-password-77').toString('hex');
    const ws = wsClient(server, tenant.ownerKey);
    const frames = subscribe(ws, `subscription { ocppMessages(chargePointId: "LATE") { direction messageTypeId uniqueId action payload } }`);
    try {
      await subscriptionsOpen(tenant.tenantId, 1);
      const late = await openRaw(server, tenant.slug, 'LATE');
      const result = await graphqlClient(server, tenant.ownerKey).request(`mutation { getConfiguration(input: { chargePointId: "LATE" }) { configurationKey { key } } }`);
      expect(result.errors?.length).toBeGreaterThan(0);
      const call = late.frames.find((f) => f[0] === 2 && f[2] === 'GetConfiguration');
      expect(call).toBeDefined();
      late.socket.send(JSON.stringify([3, call[1], { configurationKey: [{ key: 'AuthorizationKey', readonly: false, value: secret }, { key: 'HeartbeatInterval', readonly: false, value: '300' }] }]));
      const event = await waitFor(() => frames.events.find((e) => e.ocppMessages.direction === 'IN' && e.ocppMessages.uniqueId === call[1]));
      expect(event.ocppMessages.action).toBe('GetConfiguration');
      expect(JSON.stringify(event.ocppMessages.payload)).toContain('HeartbeatInterval');
      expect(JSON.stringify(frames.events)).not.toContain(secret);
      await waitFor(() => lines.some((line) => line.includes(call[1]) && line.includes('late answer')));
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
      late.socket.close();
    } finally {
      frames.stop();
      await ws.dispose();
    }
  });

  it('never logs the idTag of a malformed frame, even at debug', async () => {
    await tenant.chargePoint('MALFORMED');
    const raw = await openRaw(server, tenant.slug, 'MALFORMED');
    raw.socket.send(JSON.stringify([2, 'bad-1', 'Authorize', { idTag: 'LEAKYTAG01' }, 'one too many']));
    raw.socket.send('[2,"bad-2","Authorize",{"idTag":"LEAKYTAG02"}');
    await waitFor(() => raw.frames.length >= 2);
    expect(raw.frames.map((f) => f[2]).sort()).toEqual(['FormationViolation', 'FormationViolation']);
    await waitFor(() => entries().filter((e) => e.chargePointId === 'MALFORMED' && e.msg === 'ocpp frame' && e.direction === 'IN').length >= 2);
    expect(lines.filter((line) => line.includes('LEAKYTAG'))).toEqual([]);
    raw.socket.close();
  });

  it('never logs values bound into SQL when PostgreSQL refuses a statement', async () => {
    await tenant.chargePoint('PGLEAK');
    // PostgreSQL is made to refuse the statements carrying these values (client input with a NUL never gets that far).
    // Schema changes: as the tables' owner, not as the application's role.
    const connection = server.app.orm.em.getConnection();
    const sql = { execute: (statement: string) => asOwner(() => connection.execute(statement)) };
    await sql.execute(`alter table charging_transaction add constraint pgleak_refused check (id_tag <> 'PGLEAKTAG') not valid`);
    await sql.execute(`alter table meter_value add constraint pgleak_refused check (sampled_value::text not like '%PGLEAKVALUE%') not valid`);
    const cp = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'PGLEAK' });
    try {
      await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Leak' });
      const start = await cp.call('StartTransaction', { connectorId: 1, idTag: 'PGOK', meterStart: 0, timestamp: new Date().toISOString() });
      await expect(
        cp.call('MeterValues', {
          connectorId: 1,
          transactionId: start.transactionId,
          meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '12', context: 'Sample.Periodic', location: 'Outlet', unit: 'Wh' }, { value: 'PGLEAKVALUE' }] }],
        }),
      ).rejects.toBeDefined();
      await expect(cp.call('StartTransaction', { connectorId: 2, idTag: 'PGLEAKTAG', meterStart: 0, timestamp: new Date().toISOString() })).rejects.toBeDefined();
    } finally {
      await cp.close({ force: true }).catch(() => undefined);
      await sql.execute('alter table charging_transaction drop constraint pgleak_refused');
      await sql.execute('alter table meter_value drop constraint pgleak_refused');
    }
    const refused = entries().filter((e) => e.chargePointId === 'PGLEAK' && e.err && e.level >= 40);
    expect(refused.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.includes('PGLEAKTAG'))).toEqual([]);
    // Meter values are logged with their frames at debug, by design; nowhere else.
    expect(lines.filter((line) => line.includes('PGLEAKVALUE') && !line.includes('"msg":"ocpp frame"'))).toEqual([]);
  });
});
