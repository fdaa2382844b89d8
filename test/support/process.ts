import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ADMIN_KEY } from './harness';
import { testDatabaseUrl } from './test-database';

const ROOT = path.resolve(__dirname, '../..');

/** A real QCharge process (src/main.ts under ts-node, transpile only), as a deployment runs one role set. */
export interface ServerProcess {
  child: ChildProcess;
  nodeId: string;
  ocppPort: number | undefined;
  apiPort: number;
  /** Last log lines, for failure messages. */
  output: string[];
  /** SIGTERM and wait for exit (graceful stop). */
  stop(): Promise<void>;
  /** SIGKILL: no cleanup at all, as a crashed node. */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  roles: string;
  /** Shared by every process of one cluster (and by in-process servers that must see the same Redis keys). */
  redisPrefix: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /** `ulimit -n` of the process, soft and hard (Node raises its soft limit to the hard one), set through bash. */
  openFilesLimit?: number;
}

const running = new Set<ServerProcess>();

/**
 * Starts `src/main.ts` on free ports (port 0; the ports are read back from the "QCharge started" and
 * "OCPP listener ready" log lines), sharing this run's database, and resolves once /readyz answers 200.
 */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const nodeId = `node-${options.roles.replace(/,/g, '+')}-${Math.random().toString(36).slice(2, 8)}`;
  const node = [process.execPath, '-r', 'ts-node/register/transpile-only', 'src/main.ts'];
  const command = options.openFilesLimit ? ['bash', ['-c', `ulimit -n ${options.openFilesLimit} && exec "$@"`, 'bash', ...node]] as const : ([node[0], node.slice(1)] as const);
  const child = spawn(command[0], [...command[1]], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: testDatabaseUrl,
      REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
      REDIS_PREFIX: options.redisPrefix,
      OCPP_PORT: '0',
      API_PORT: '0',
      FTP_PORT: '0',
      ADMIN_API_KEY: ADMIN_KEY,
      OCPP_CALL_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'info',
      ROLES: options.roles,
      NODE_ID: nodeId,
      DB_POOL_MAX: '4',
      TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let ocppPort: number | undefined;
  let apiPort: number | undefined;
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const onLine = (line: string) => {
    output.push(line);
    if (output.length > 200) output.shift();
    if (!line.startsWith('{')) return;
    try {
      const entry = JSON.parse(line);
      if (entry.msg === 'OCPP listener ready') ocppPort = entry.port;
      if (entry.msg === 'QCharge started') apiPort = entry.port;
    } catch {
      // Not a log line.
    }
  };
  lines(child.stdout!, onLine);
  lines(child.stderr!, onLine);

  const server: ServerProcess = {
    child,
    nodeId,
    get ocppPort() {
      return ocppPort;
    },
    get apiPort() {
      return apiPort!;
    },
    output,
    async stop() {
      running.delete(server);
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
    async kill() {
      running.delete(server);
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
  };
  running.add(server);

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`server process exited during start:\n${output.slice(-30).join('\n')}`);
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`server process did not become ready:\n${output.slice(-30).join('\n')}`);
    }
    if (apiPort !== undefined && (await ready(apiPort))) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills every process a test file started and did not stop itself (for afterAll). */
export async function killAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.kill()));
}

async function ready(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
    return response.status === 200;
  } catch {
    return false;
  }
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let index: number;
    while ((index = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, index));
      buffered = buffered.slice(index + 1);
    }
  });
}
