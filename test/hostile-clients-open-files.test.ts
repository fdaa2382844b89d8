import fs from 'node:fs';
import net from 'node:net';
import { killAllServers, spawnServer, type ServerProcess } from './support/process';

/**
 * Issue 12 item 6: idle sockets must not take the last descriptors. A real process with a low open-files
 * limit gets a burst of idle TCP connections, more than it has descriptors; it keeps its headroom (10% of
 * the limit), so /readyz still answers and the descriptors in use stay below the limit.
 */
const LIMIT = 400;
let server: ServerProcess;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  server = await spawnServer({ roles: 'ingress,api', redisPrefix: `${process.env.QCHARGE_TEST_REDIS_PREFIX}fd:`, openFilesLimit: LIMIT, env: { FTP_PORT: '0' } });
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await killAllServers();
});

it('keeps descriptors in reserve through a burst of idle sockets: /readyz answers, the limit is never reached', async () => {
  const limits = fs.readFileSync(`/proc/${server.child.pid}/limits`, 'utf8');
  expect(limits).toMatch(new RegExp(`Max open files\\s+${LIMIT}\\s`));
  for (let i = 0; i < LIMIT + 100; i++) {
    const socket = net.connect(server.ocppPort!, '127.0.0.1');
    socket.on('error', () => undefined);
    sockets.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const inUse = fs.readdirSync(`/proc/${server.child.pid}/fd`).length;
  expect(inUse).toBeLessThan(LIMIT - 10);
  const ready = await fetch(`http://127.0.0.1:${server.apiPort}/readyz`, { signal: AbortSignal.timeout(10_000) });
  expect(ready.status).toBe(200);
}, 60_000);
