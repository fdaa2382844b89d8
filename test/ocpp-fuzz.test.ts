import WebSocket from 'ws';
import type { RunningServer } from '../src/server';
import { subscribe, subscriptionsOpen, wsClient } from './support/graphql-client';
import { connectChargePoint, startTestServer, waitFor } from './support/harness';
import { seedTenant } from './support/seed';
import { clock } from '../src/platform/clock';

/**
 * Generated malformed frames against the OCPP edge. Each kind of frame has a known right answer;
 * the test checks every frame got it (or the socket was closed for cause), that the process
 * keeps serving, and that a well-behaved charger on the same node is unaffected.
 */

function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

interface Case {
  frame: string | Buffer;
  uniqueId: string;
  expected: string;
}

const BOOT = { chargePointVendor: 'Fuzz', chargePointModel: 'F' };

function generateCases(count: number, random: () => number): Case[] {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const word = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const id = `f${i}`;
    const kind = Math.floor(random() * 10);
    switch (kind) {
      case 0: {
        const valid = JSON.stringify([2, id, 'Heartbeat', {}]);
        cases.push({ frame: valid.slice(0, 3 + Math.floor(random() * (valid.length - 4))), uniqueId: id, expected: 'FormationViolation' });
        // Truncated before the uniqueId was complete, the answer uses "-1".
        const last = cases[cases.length - 1];
        if (!(last.frame as string).includes(`"${id}"`)) last.uniqueId = '-1';
        break;
      }
      case 1:
        cases.push({ frame: JSON.stringify([pick([0, 1, 5, 99, -2, '2', null]), id, 'Heartbeat', {}]), uniqueId: id, expected: 'FormationViolation' });
        break;
      case 2:
        cases.push({ frame: JSON.stringify([2, id, word(8), {}]), uniqueId: id, expected: 'NotImplemented' });
        break;
      case 3: {
        const [action, payload] = pick<[string, object]>([
          ['Authorize', {}],
          ['StartTransaction', { connectorId: 1, idTag: 'X', meterStart: 0 }],
          ['StatusNotification', { connectorId: 1, status: 'Available' }],
          ['MeterValues', { connectorId: 1 }],
          ['BootNotification', { chargePointVendor: 'v' }],
        ]);
        cases.push({ frame: JSON.stringify([2, id, action, payload]), uniqueId: id, expected: 'OccurenceConstraintViolation' });
        break;
      }
      case 4: {
        const [action, payload] = pick<[string, object]>([
          ['Authorize', { idTag: 42 }],
          ['StartTransaction', { connectorId: 'one', idTag: 'X', meterStart: 0, timestamp: new Date().toISOString() }],
          ['StatusNotification', { connectorId: 1.5, status: 'Available', errorCode: 'NoError' }],
          ['MeterValues', { connectorId: 1, meterValue: 'lots' }],
          ['StopTransaction', { transactionId: 1, meterStop: true, timestamp: new Date().toISOString() }],
        ]);
        cases.push({ frame: JSON.stringify([2, id, action, payload]), uniqueId: id, expected: 'TypeConstraintViolation' });
        break;
      }
      case 5:
        cases.push({ frame: JSON.stringify([2, id, 'Authorize', { idTag: word(21 + Math.floor(random() * 30000)) }]), uniqueId: id, expected: 'PropertyConstraintViolation' });
        break;
      case 6: {
        let nested: unknown = 1;
        for (let d = 0; d < 500 + Math.floor(random() * 2000); d++) nested = [nested];
        cases.push({ frame: JSON.stringify([2, id, 'Heartbeat', { deep: nested }]), uniqueId: id, expected: 'FormationViolation' });
        break;
      }
      case 7:
        cases.push({ frame: Buffer.from([0x5b, 0x32, 0x2c, 0xc3, 0x28, 0xff, 0xfe, 0x5d]), uniqueId: '-1', expected: 'FormationViolation' });
        break;
      case 8:
        cases.push({ frame: JSON.stringify([2, id, 'Heartbeat', pick([[], 7, 'x', null, true])]), uniqueId: id, expected: 'FormationViolation' });
        break;
      default:
        cases.push({ frame: JSON.stringify([2, id, 'Heartbeat', {}]), uniqueId: id, expected: 'RESULT' });
    }
  }
  return cases;
}

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  await tenant.chargePoint('FUZZ');
  await tenant.chargePoint('GOOD');
});

afterAll(async () => {
  await server.stop();
});

function open(): Promise<{ socket: WebSocket; answers: any[]; closeCode: Promise<number> }> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/FUZZ`, 'ocpp1.6');
  const answers: any[] = [];
  socket.on('message', (data) => answers.push(JSON.parse(data.toString())));
  const closeCode = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, answers, closeCode }));
    socket.once('error', reject);
  });
}

it('answers every malformed frame with the right CALLERROR while a good charger keeps working', async () => {
  const good = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'GOOD' });
  await good.call('BootNotification', BOOT);
  const cases = generateCases(2000, prng(20261125));
  const heapBefore = process.memoryUsage().heapUsed;
  let goodCalls = 0;
  const tally: Record<string, number> = {};
  // 40 frames per connection: below the bad-frame limit that disconnects a garbage sender.
  for (let offset = 0; offset < cases.length; offset += 40) {
    const batch = cases.slice(offset, offset + 40);
    const { socket, answers } = await open();
    for (const c of batch) socket.send(c.frame, { binary: Buffer.isBuffer(c.frame) });
    await waitFor(() => answers.length >= batch.length, 10_000);
    for (const c of batch) {
      const answer = c.uniqueId === '-1' ? answers.find((a) => a[1] === '-1' && a[2] === c.expected) : answers.find((a) => a[1] === c.uniqueId);
      expect({ frame: String(c.frame).slice(0, 80), answer: answer && (answer[0] === 3 ? 'RESULT' : answer[2]) }).toEqual({ frame: String(c.frame).slice(0, 80), answer: c.expected });
      tally[c.expected] = (tally[c.expected] ?? 0) + 1;
    }
    socket.close();
    expect((await good.call('Heartbeat', {})).currentTime).toEqual(expect.any(String));
    goodCalls++;
  }
  expect(goodCalls).toBe(50);
  expect(Object.keys(tally).sort()).toEqual(
    ['FormationViolation', 'NotImplemented', 'OccurenceConstraintViolation', 'PropertyConstraintViolation', 'RESULT', 'TypeConstraintViolation'].sort(),
  );
  // Bounded memory: the 2,000 frames leave no large residue (generous bound; the frames themselves total ~3 MB).
  global.gc?.();
  expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
  const health = await fetch(`http://127.0.0.1:${server.apiPort}/healthz`);
  expect(health.status).toBe(200);
  await good.close();
});

it('disconnects a charger that keeps sending garbage', async () => {
  const { socket, closeCode } = await open();
  for (let i = 0; i < 80; i++) socket.send(`not json ${i}`);
  expect(await closeCode).toBe(1008);
});

const realNow = clock.now;
afterEach(() => {
  clock.now = realNow;
});

it('limits failed password attempts per charge point', async () => {
  // Failures are counted in fixed one-minute windows: start at the top of a minute (moving the clock
  // forward) so the 25 attempts never straddle two windows (a CI run failed when they did).
  const offset = 60_000 - (Date.now() % 60_000);
  clock.now = () => new Date(Date.now() + offset);
  await tenant.chargePoint('LOCKED', { password: 'the-right-password-1' });
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) {
    statuses.push(
      await new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/LOCKED`, 'ocpp1.6', {
          headers: { authorization: `Basic ${Buffer.from(`LOCKED:wrong-password-${i}-xx`).toString('base64')}` },
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      }),
    );
  }
  expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
  expect(statuses.slice(20)).toEqual(Array(5).fill(429));
  // The block is the charge point's: another one behind the same address still logs in with its password.
  await tenant.chargePoint('NEIGHBOUR', { password: 'neighbour-password-1' });
  const neighbour = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/NEIGHBOUR`, 'ocpp1.6', {
      headers: { authorization: `Basic ${Buffer.from('NEIGHBOUR:neighbour-password-1').toString('base64')}` },
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => (ws.close(), resolve(101)));
    ws.on('error', () => undefined);
  });
  expect(neighbour).toBe(101);
});

describe('frames built to crash the process', () => {
  const deep = `[2,"x","Heartbeat",${'['.repeat(32_700)}${']'.repeat(32_700)}]`;

  async function answerTo(frame: string | Buffer, options: { binary?: boolean } = {}): Promise<{ answer: any; closeCode: Promise<number> }> {
    const { socket, answers, closeCode } = await open();
    socket.send(frame, { binary: options.binary ?? false });
    await Promise.race([waitFor(() => answers.length > 0, 5000), closeCode]);
    socket.close();
    return { answer: answers[0], closeCode };
  }

  async function goodChargerAnswers(): Promise<void> {
    const good = await connectChargePoint({ server, tenantSlug: tenant.slug, identity: 'GOOD' });
    try {
      expect((await good.call('Heartbeat', {})).currentTime).toEqual(expect.any(String));
    } finally {
      await good.close();
    }
  }

  it('refuses 32,700 nested brackets with FormationViolation, with nobody subscribed', async () => {
    expect(deep.length).toBeLessThan(64 * 1024);
    // A tenant no node has asked about yet: its events are published until the answer comes.
    const fresh = await seedTenant(server);
    await fresh.chargePoint('FRESH');
    const socket = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${fresh.slug}/FRESH`, 'ocpp1.6');
    const answers: any[] = [];
    socket.on('message', (data) => answers.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(deep);
    await waitFor(() => answers.length > 0);
    expect(answers[0].slice(0, 3)).toEqual([4, 'x', 'FormationViolation']);
    socket.close();
    await goodChargerAnswers();
  });

  it('and with a subscriber watching the charge point', async () => {
    const ws = wsClient(server, tenant.ownerKey);
    const frames = subscribe(ws, `subscription { ocppMessages(chargePointId: "FUZZ") { direction uniqueId errorCode } }`);
    try {
      await subscriptionsOpen(tenant.tenantId, 1);
      const { answer } = await answerTo(deep);
      expect(answer.slice(0, 3)).toEqual([4, 'x', 'FormationViolation']);
      await frames.received(2);
      expect(frames.events.map((e) => e.ocppMessages.errorCode)).toEqual(['FormationViolation', 'FormationViolation']);
      await goodChargerAnswers();
    } finally {
      frames.stop();
      await ws.dispose();
    }
  });

  it('answers long strings, huge numbers and broken UTF-8 with the right CALLERROR or close', async () => {
    const long = 'A'.repeat(60_000);
    expect((await answerTo(JSON.stringify([2, 'long-action', long, {}]))).answer.slice(0, 3)).toEqual([4, 'long-action', 'NotImplemented']);
    expect((await answerTo(JSON.stringify([2, long, 'Heartbeat', {}]))).answer.slice(0, 3)).toEqual([4, long.slice(0, 36), 'FormationViolation']);
    expect((await answerTo(JSON.stringify([2, 'long-tag', 'Authorize', { idTag: long }]))).answer.slice(0, 3)).toEqual([4, 'long-tag', 'PropertyConstraintViolation']);
    // 1e400 parses as Infinity and a 20-digit integer beyond any column: refused, never stored or thrown.
    const now = new Date().toISOString();
    for (const [uniqueId, number] of [['inf', '1e400'], ['big', '12345678901234567890'], ['neg', '-1e400']]) {
      const frame = `[2,"${uniqueId}","StartTransaction",{"connectorId":1,"idTag":"X","meterStart":${number},"timestamp":"${now}"}]`;
      const { answer } = await answerTo(frame);
      expect(answer[0]).toBe(4);
      expect(answer[1]).toBe(uniqueId);
      expect(['TypeConstraintViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation']).toContain(answer[2]);
    }
    const invalidUtf8 = Buffer.concat([Buffer.from('[2,"utf","Heartbeat",{"x":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}]')]);
    // A binary frame is decoded (replacement characters) and then fails the schema; invalid UTF-8 in a text frame closes (RFC 6455: 1007).
    expect((await answerTo(invalidUtf8, { binary: true })).answer.slice(0, 3)).toEqual([4, 'utf', 'FormationViolation']);
    const text = await answerTo(invalidUtf8, { binary: false });
    expect(text.answer).toBeUndefined();
    expect(await text.closeCode).toBe(1007);
    await goodChargerAnswers();
  });
});
