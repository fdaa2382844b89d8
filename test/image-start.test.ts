import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { promisify } from 'node:util';
import { RPCClient } from './support/rpc-client';
import type { RunningServer } from '../src/server';
import { graphqlClient } from './support/graphql-client';
import { ADMIN_KEY, uniqueName } from './support/harness';
import { testDatabaseUrl } from './support/test-database';

/**
 * The container image runs `npm run build` output with the Dockerfile's CMD. Here the build goes to a
 * temporary directory laid out like the image's /app (dist/, schema.graphql, node_modules), so the
 * repo's own dist/ is never touched, and the CMD read from the Dockerfile is run there as it is.
 */
const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);

let app: string;

function dockerfileCommand(instruction: 'CMD'): string[] {
  const line = fs
    .readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(`${instruction} `))
    .pop();
  if (!line) throw new Error(`Dockerfile has no ${instruction}`);
  return JSON.parse(line.slice(instruction.length + 1));
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function imageEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: testDatabaseUrl,
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `${process.env.QCHARGE_TEST_REDIS_PREFIX}img${randomBytes(3).toString('hex')}:`,
    ...extra,
  };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

beforeAll(async () => {
  app = fs.mkdtempSync(path.join(os.tmpdir(), 'qcharge-image-'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(ROOT, 'schema.graphql'), path.join(app, 'schema.graphql'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(app, 'package.json'));
  // The image's build step (`npm run build`), with only the output directory moved.
  await run('npm', ['run', 'build', '--', '--outDir', path.join(app, 'dist')], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
}, 240_000);

afterAll(() => {
  if (app) fs.rmSync(app, { recursive: true, force: true });
});

describe('the container image', () => {
  it('needs only production dependencies at run time (the image installs with --omit=dev)', () => {
    const { dependencies } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const builtins = new Set(builtinModules);
    const missing = new Set<string>();
    const seen = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.js')) {
          for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
            if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
            const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
            seen.add(name);
            if (!(name in dependencies)) missing.add(`${name} (${path.relative(app, file)})`);
          }
        }
      }
    };
    walk(path.join(app, 'dist', 'src'));
    walk(path.join(app, 'dist', 'migrations'));
    expect([...seen]).toEqual(expect.arrayContaining(['pino', 'prom-client', '@mikro-orm/core', 'ocpp-rpc']));
    expect([...missing]).toEqual([]);
  });

  it('migrates with the migration Job command and exits 0', async () => {
    const migrate = spawn('node', ['dist/src/migrate.js'], { cwd: app, env: imageEnv({ LOG_LEVEL: 'info' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    migrate.stdout!.on('data', (chunk) => (output += chunk));
    migrate.stderr!.on('data', (chunk) => (output += chunk));
    const code = await exitOf(migrate);
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toContain('database is up to date');
  }, 60_000);

  it("runs the built server with the Dockerfile's CMD: ready, a charge point boots, SIGTERM exits 0", async () => {
    const [command, ...args] = dockerfileCommand('CMD');
    const [ocppPort, apiPort] = [await freePort(), await freePort()];
    const child = spawn(command, args, {
      cwd: app,
      env: imageEnv({ OCPP_PORT: String(ocppPort), API_PORT: String(apiPort), FTP_PORT: '0', ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout!.on('data', (chunk) => output.push(String(chunk)));
    child.stderr!.on('data', (chunk) => output.push(String(chunk)));
    const exited = exitOf(child);
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`server exited during start:\n${output.join('')}`);
        if (Date.now() > deadline) throw new Error(`server never became ready:\n${output.join('')}`);
        const status = await fetch(`http://127.0.0.1:${apiPort}/readyz`).then((r) => r.status, () => 0);
        if (status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }

      const admin = graphqlClient({ apiPort } as RunningServer, ADMIN_KEY);
      const slug = uniqueName('img');
      const { createTenant } = await admin.data(`mutation($slug: String!) { createTenant(input: { slug: $slug, name: "Image" }) { tenant { id } apiKey } }`, { slug });
      const owner = graphqlClient({ apiPort } as RunningServer, createTenant.apiKey);
      await owner.data(`mutation { createChargePoint(input: { id: "CP-IMAGE", password: "image-password-1" }) { chargePoint { id } } }`);

      const cp = new RPCClient({
        endpoint: `ws://127.0.0.1:${ocppPort}/ocpp/${slug}`,
        identity: 'CP-IMAGE',
        password: 'image-password-1',
        protocols: ['ocpp1.6'],
        strictMode: true,
        reconnect: false,
      });
      await cp.connect();
      const boot = await cp.call('BootNotification', { chargePointVendor: 'QCharge', chargePointModel: 'Image-1' });
      expect(boot.status).toBe('Accepted');
      const metrics = await fetch(`http://127.0.0.1:${apiPort}/metrics`).then((r) => r.text());
      expect(metrics).toContain(`qcharge_connected_charge_points{tenant="${createTenant.tenant.id}"} 1`);

      // SIGTERM with the charge point still connected: the server closes it and exits cleanly. Exit code 0
      // also means within the grace: main.ts exits 1 when stopping takes over 15 s.
      const closed = new Promise((resolve) => cp.once('close', resolve));
      child.kill('SIGTERM');
      const code = await exited;
      expect({ code, output: code === 0 ? '' : output.join('') }).toEqual({ code: 0, output: '' });
      await closed;
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    }
  }, 90_000);
});
