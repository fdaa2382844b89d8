import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Throwaway Redis and PostgreSQL instances on their own ports, for fault tests that stop and restart
 * them. The machine's shared services, which every other test uses, are never touched.
 */
const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function untilPortAnswers(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface ThrowawayRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM: with appendonly it writes its AOF first). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Removes the data directory; call after the last stop. */
  destroy(): Promise<void>;
}

/**
 * A `redis-server` child process. Without `persistent` it keeps nothing across a restart (`--save ''
 * --appendonly no`); with it, it keeps an fsync-always append-only file in its own directory, as a
 * production Redis for BullMQ should.
 */
export async function startThrowawayRedis(options: { persistent?: boolean } = {}): Promise<ThrowawayRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qcharge-redis-'));
  let child: ChildProcess | undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--daemonize', 'no', '--dir', dir];
  args.push(...(options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  const redis: ThrowawayRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn('redis-server', args, { stdio: 'ignore' });
      await untilPortAnswers(port, 10_000);
    },
    async stop() {
      const stopping = child;
      child = undefined;
      if (!stopping || stopping.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        stopping.once('exit', () => resolve());
        stopping.kill('SIGTERM');
      });
    },
    async destroy() {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}

export interface ThrowawayPostgres {
  port: number;
  /** A database URL on this cluster (the server creates the database on start). */
  url(database: string): string;
  /** `pg_ctl stop -m fast`: open connections are cut, new ones are refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a)).find((v) => existsSync(path.join(root, v, 'bin', name)));
  if (!version) throw new Error(`no PostgreSQL ${name} under ${root}`);
  return path.join(root, version, 'bin', name);
}

/** initdb and pg_ctl refuse to run as root: run them as the `postgres` OS user then. */
function asPostgres(command: string, args: string[]) {
  return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);
}

/**
 * A temporary PostgreSQL cluster (initdb, trust auth, fsync off for speed: the tests stop it cleanly,
 * they never crash the machine) listening on 127.0.0.1 on a free port, its socket in its own directory.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qcharge-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await asPostgres(postgresBin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const pgCtl = (action: string, extra: string[] = []) =>
    asPostgres(postgresBin('pg_ctl'), ['-D', data, '-o', serverOptions, '-l', path.join(dir, 'log'), '-w', '-t', '30', ...extra, action]);
  let running = false;
  const pg: ThrowawayPostgres = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await pgCtl('start');
      running = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      await pgCtl('stop', ['-m', 'fast']);
    },
    async destroy() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}
