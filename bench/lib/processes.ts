import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import ts from 'typescript';
import type { DoneReport, WorkerCommand, WorkerReport } from './protocol';

export const ROOT = path.resolve(__dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ServerProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  ocppPort: number;
  apiPort: number;
  logFile: string;
}

/** Starts `node dist/src/main.js` with its own env and waits until /readyz answers 200. */
export async function startQcharge(name: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ServerProcess> {
  const ocppPort = await freePort();
  const apiPort = await freePort();
  const logFile = path.join('/tmp', `qcharge-bench-${name}-${process.pid}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    cwd: ROOT,
    // FTP and OCPP-over-TLS ports are any free one, so two bench runs (or a bench beside a dev server) never collide.
    env: { ...process.env, FTP_PORT: '0', OCPP_TLS_PORT: '0', ...env, OCPP_PORT: String(ocppPort), API_PORT: String(apiPort) },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`http://127.0.0.1:${apiPort}/readyz`);
      if (res.status === 200) return { name, child, pid: child.pid!, ocppPort, apiPort, logFile };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  child.kill('SIGKILL');
  throw new Error(`${name} was not ready within 90 s; see ${logFile}`);
}

/**
 * Starts the bare responder as plain JavaScript, as QCharge runs from dist/: under ts-node its idle RSS
 * would hold the compiler, which it frees later, and the RSS per charger would come out below zero.
 */
export async function startBareResponder(): Promise<{ child: ChildProcess; pid: number; port: number }> {
  const source = path.join(__dirname, '..', 'bare-responder.ts');
  const compiled = path.join(ROOT, 'dist', 'bench', 'bare-responder.js');
  const { outputText } = ts.transpileModule(fs.readFileSync(source, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  fs.mkdirSync(path.dirname(compiled), { recursive: true });
  fs.writeFileSync(compiled, outputText);
  const child = fork(compiled, [], { execArgv: [], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare responder exited with ${code}`)));
  });
  return { child, pid: child.pid!, port };
}

/** Stops a child we started: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A forked load generator process and a way to run one phase on it. */
export class LoadWorker {
  readonly child: ChildProcess;
  progress = { calls: 0, errorCount: 0, connected: 0 };
  private waiting: { resolve: (r: DoneReport) => void; reject: (e: Error) => void } | undefined;
  /** Resolves at the worker's first progress tick, so no phase times ts-node's start-up. */
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(readonly index: number) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.child = fork(path.join(__dirname, '..', 'load-worker.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only', '--max-old-space-size=2048'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: WorkerReport) => {
      if (message.type === 'progress') {
        this.progress = message;
        this.markReady();
      }
      else if (message.type === 'done') this.settle()?.resolve(message);
      else this.settle()?.reject(new Error(`load worker ${index}: ${message.message}`));
    });
    this.child.on('exit', (code) => this.settle()?.reject(new Error(`load worker ${index} exited with ${code}`)));
  }

  run(command: WorkerCommand): Promise<DoneReport> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.child.send(command);
    });
  }

  private settle() {
    const waiting = this.waiting;
    this.waiting = undefined;
    return waiting;
  }
}
