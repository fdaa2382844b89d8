import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import type { RunningServer } from '../src/server';
import { graphqlClient, type GraphQLClient } from './support/graphql-client';
import { startTestServer } from './support/harness';
import { seedTenant } from './support/seed';

/**
 * Replays recorded charger sessions (test/fixtures/replay/*.json) frame by frame over a raw WebSocket and
 * checks what the CSMS stored. In a fixture, "{{t-N}}" is the time N seconds before the replay, and
 * "{{name}}" the transactionId answered to the frame marked `saveTransactionIdAs: name`.
 */
interface Fixture {
  description: string;
  chargePointId: string;
  idTags: string[];
  frames: Array<{ action?: string; payload?: unknown; saveTransactionIdAs?: string; reconnect?: boolean }>;
  expected: Record<string, Record<string, unknown>>;
}

const DIR = path.join(__dirname, 'fixtures', 'replay');
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Fixture] as const);

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof seedTenant>>;
let api: GraphQLClient;

function substitute(value: unknown, now: number, ids: Map<string, number>): unknown {
  if (typeof value === 'string') {
    const time = /^\{\{t-(\d+)\}\}$/.exec(value);
    if (time) return new Date(now - Number(time[1]) * 1000).toISOString();
    const id = /^\{\{(\w+)\}\}$/.exec(value);
    if (id) {
      if (!ids.has(id[1])) throw new Error(`fixture uses {{${id[1]}}} before it is saved`);
      return ids.get(id[1]);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, now, ids));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, now, ids)]));
  return value;
}

async function open(chargePointId: string) {
  const socket = new WebSocket(`ws://127.0.0.1:${server.ocppPort}/ocpp/${tenant.slug}/${chargePointId}`, ['ocpp1.6']);
  const waiting = new Map<string, (frame: any[]) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    waiting.get(frame[1])?.(frame);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return {
    socket,
    call: (uniqueId: string, action: string, payload: unknown) =>
      new Promise<any[]>((resolve) => {
        waiting.set(uniqueId, resolve);
        socket.send(JSON.stringify([2, uniqueId, action, payload]));
      }),
  };
}

beforeAll(async () => {
  server = await startTestServer();
  tenant = await seedTenant(server);
  api = graphqlClient(server, tenant.ownerKey);
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

describe('replayed charger sessions', () => {
  it('has fixtures to replay', () => {
    expect(FIXTURES.map(([file]) => file)).toEqual(expect.arrayContaining(['buffered-offline.json', 'reboot-mid-session.json']));
  });

  it.each(FIXTURES)('%s: stores what the session says', async (_file, fixture) => {
    await tenant.chargePoint(fixture.chargePointId);
    for (const tag of fixture.idTags) await tenant.idTag(tag);
    const now = Date.now();
    const ids = new Map<string, number>();
    let connection = await open(fixture.chargePointId);
    try {
      for (const [index, frame] of fixture.frames.entries()) {
        if (frame.reconnect) {
          connection.socket.terminate();
          connection = await open(fixture.chargePointId);
          continue;
        }
        const answer = await connection.call(`replay-${index}`, frame.action!, substitute(frame.payload, now, ids));
        expect({ index, action: frame.action, type: answer[0] }).toEqual({ index, action: frame.action, type: 3 });
        if (frame.saveTransactionIdAs) ids.set(frame.saveTransactionIdAs, answer[2].transactionId);
      }
    } finally {
      connection.socket.terminate();
    }

    for (const [name, expected] of Object.entries(fixture.expected)) {
      const { transaction } = await api.data(
        `query($id: Int!) { transaction(id: $id) { state meterStart meterStop energyWh stopReason stopTimestamp meterValues { timestamp } } }`,
        { id: ids.get(name) },
      );
      const { meterValues, ...rest } = expected;
      expect({ name, ...transaction, meterValues: transaction.meterValues.length }).toMatchObject({ name, ...rest, ...(meterValues !== undefined ? { meterValues } : {}) });
    }
  });
});
