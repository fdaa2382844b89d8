/**
 * `npm run bench`: builds QCharge, starts it as separate processes against its own database and Redis
 * prefix, drives it with load generator processes of raw OCPP-J sockets, runs the same load against a
 * bare OCPP-J responder and measures the plain PostgreSQL insert rate as ceilings, then prints a table and
 * writes bench/results/<date>.json and latest.json. Everything targets 127.0.0.1 and is bounded in time.
 * Each phase also samples the server every second (event-loop lag from /metrics, RSS) and its CPU time,
 * and the run ends with issue 18's goals, each as QCharge's figure beside the bare responder's.
 *
 *   npm run bench -- --chargers 1000,5000,10000 --two-node-chargers 20000 --duration 30 [--real-duration 60]
 *                    --scenarios baseline,storm,steady,steady-real,closedloop,burst,fanout,twonodes
 *                    [--real-sessions 20] [--closedloop-chargers 1000] [--subscribers 0] [--webhooks 0] [--profile] [--no-build]
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import { hashPassword } from '../src/modules/charge-point/password';
import { chargerId, idTagFor, insertedRows, plainInsertRate, resetDatabase, seedTenant } from './lib/database';
import { evaluateGoals, type GoalRow } from './lib/goals';
import { postGraphql } from './lib/graphql-client';
import { Histogram } from './lib/histogram';
import { CpuMeter, GroupCpuMeter, heapUsedBytes, postgresPids, rssBytes } from './lib/proc-stats';
import { LoadWorker, ROOT, startBareResponder, startQcharge, stopChild, type ServerProcess } from './lib/processes';
import { summarizeProfile, type ProfileSummary } from './lib/profile-summary';
import type { DoneReport, WorkerCommand } from './lib/protocol';
import type { OtherCpu, ScenarioResult, ServerFigures, TargetName } from './lib/scenario-result';
import { formatTimeline, ServerSampler, type LagTimeline } from './lib/server-sampler';
import { integratorsNote, openIntegrators as openIntegratorsOf, printIntegrators } from './lib/integrators';

const { values: args } = parseArgs({
  options: {
    chargers: { type: 'string', default: '1000,5000,10000' },
    'two-node-chargers': { type: 'string', default: '20000' },
    duration: { type: 'string' },
    'real-duration': { type: 'string' },
    'real-sessions': { type: 'string', default: '20' },
    'closedloop-chargers': { type: 'string', default: '1000' },
    compress: { type: 'string', default: '5' },
    'burst-rate': { type: 'string', default: '50' },
    'mv-per-session': { type: 'string', default: '3' },
    'fanout-commands': { type: 'string', default: '1000' },
    subscribers: { type: 'string', default: '0' },
    webhooks: { type: 'string', default: '0' },
    'per-worker': { type: 'string', default: '3500' },
    'connect-concurrency': { type: 'string', default: '1000' },
    scenarios: { type: 'string', default: 'baseline,storm,steady,steady-real,closedloop,burst,fanout,twonodes' },
    password: { type: 'string', default: 'shared' },
    profile: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/qcharge_bench' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL || 'redis://127.0.0.1:6379' },
    out: { type: 'string', default: path.join(ROOT, 'bench', 'results') },
  },
});

const sizes = args.chargers!.split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const twoNodeChargers = Number(args['two-node-chargers']);
const durationS = Number(args.duration ?? 30);
// Real rates repeat each minute (Heartbeat every 60 s), so the uncompressed scenario runs a whole one unless told.
const realDurationS = Number(args['real-duration'] ?? args.duration ?? 60);
const realSessionsPerS = Number(args['real-sessions']);
const closedLoopChargers = Number(args['closedloop-chargers']);
const compress = Number(args.compress);
const burstRate = Number(args['burst-rate']);
const mvPerSession = Number(args['mv-per-session']);
const perWorker = Number(args['per-worker']);
const subscribers = Number(args.subscribers);
const webhooks = Number(args.webhooks);
const scenarios = new Set(args.scenarios!.split(','));
const steadyN = sizes[sizes.length - 1];
const HEARTBEAT_S = 300;
const REAL_HEARTBEAT_S = 60;
const REAL_METER_VALUES_S = 15;
/** StatusNotifications (connectors 0, 1, 2) each storm charger sends after its BootNotification. */
const STORM_STATUS_NOTIFICATIONS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Target {
  name: TargetName;
  urls: string[];
  pids: number[];
  apiPorts: number[];
  idleRss: number;
  idleHeap: number;
}

const results: ScenarioResult[] = [];
const notes: string[] = [];
const workers: LoadWorker[] = [];
let pg: Client | undefined;
const cleanups: Array<() => Promise<void>> = [];

function line(text: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${text}`);
  else console.log(text);
}

interface Measured {
  /** Server CPU as a share of one core, and in CPU seconds, over the phase. */
  cpu: number;
  cpuSeconds: number;
  otherCpu: OtherCpu;
  eventLoopLag: LagTimeline;
  rssSamples: number[];
}
interface Phase extends Measured {
  reports: DoneReport[];
  wallS: number;
}

/** Starts measuring a target's processes (CPU, per-second samples) and the CPU of PostgreSQL and the load generators. */
function measure(target: Target) {
  const meters = target.pids.map((pid) => new CpuMeter(pid));
  const postgresCpu = new GroupCpuMeter(postgresPids);
  // The bench process itself sends the fan-out's GraphQL requests, so it counts as a generator too.
  const loadCpu = new GroupCpuMeter(() => [process.pid, ...workers.map((w) => w.child.pid!)]);
  const sampler = new ServerSampler(target.apiPorts, target.pids);
  return {
    cpuNow: () => meters.reduce((sum, m) => sum + m.read(), 0),
    /** Stops the sampling (finish does too); for a phase that failed. */
    stop: () => sampler.stop(),
    async finish(): Promise<Measured> {
      const cpu = meters.reduce((sum, m) => sum + m.read(), 0);
      const cpuSeconds = meters.reduce((sum, m) => sum + m.usedSeconds(), 0);
      const otherCpu = { postgresPercent: Math.round(postgresCpu.read() * 100), loadGeneratorPercent: Math.round(loadCpu.read() * 100), loadAverage: os.loadavg()[0] };
      return { cpu, cpuSeconds, otherCpu, eventLoopLag: await sampler.stop(), rssSamples: sampler.rssSamples };
    },
  };
}

/** Runs one command per worker, prints a progress line every second (every 5 s when not a TTY). */
async function runPhase(label: string, commands: Array<[LoadWorker, WorkerCommand]>, target: Target): Promise<Phase> {
  const measuring = measure(target);
  const started = performance.now();
  let ticks = 0;
  const ticker = setInterval(() => {
    if (!process.stdout.isTTY && ++ticks % 5 !== 0) return;
    const used = commands.map(([w]) => w.progress);
    line(
      `[${label}] ${Math.round((performance.now() - started) / 1000)}s connected ${used.reduce((n, p) => n + p.connected, 0)} ` +
        `calls ${used.reduce((n, p) => n + p.calls, 0)} errors ${used.reduce((n, p) => n + p.errorCount, 0)} server cpu ${Math.round(measuring.cpuNow() * 100)}%`,
    );
  }, 1000);
  try {
    const reports = await Promise.all(commands.map(([worker, command]) => worker.run(command)));
    const wallS = (performance.now() - started) / 1000;
    if (process.stdout.isTTY) process.stdout.write('\n');
    return { reports, wallS, ...(await measuring.finish()) };
  } finally {
    clearInterval(ticker);
    await measuring.stop();
  }
}

function merge(reports: DoneReport[]) {
  const byAction = new Map<string, Histogram>();
  const all = new Histogram();
  const errors: Record<string, number> = {};
  let calls = 0;
  for (const report of reports) {
    calls += report.calls;
    for (const [action, data] of Object.entries(report.histograms)) {
      if (!byAction.has(action)) byAction.set(action, new Histogram());
      byAction.get(action)!.merge(data);
      if (action !== 'connect') all.merge(data);
    }
    for (const [key, n] of Object.entries(report.errors)) errors[key] = (errors[key] ?? 0) + n;
  }
  const sum = (field: 'started' | 'completed' | 'failed' | 'skipped') => reports.reduce((n, r) => n + (r.sessions?.[field] ?? 0), 0);
  return {
    calls,
    latency: Object.fromEntries([...byAction].map(([action, h]) => [action, h.summary()])),
    all: all.summary(),
    errors,
    errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
    connected: reports.reduce((n, r) => n + r.connected, 0),
    ready: reports.reduce((n, r) => n + (r.ready ?? 0), 0),
    sessions: reports.some((r) => r.sessions) ? { started: sum('started'), completed: sum('completed'), failed: sum('failed'), skipped: sum('skipped') } : undefined,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * RSS is the median of the per-second samples when `underLoad` (the load was steady over the phase),
 * otherwise read once now; per charger it is the growth over the idle process.
 */
async function serverFigures(target: Target, connected: number, phase: Measured, answered: number, underLoad: boolean): Promise<ServerFigures> {
  const sampled = underLoad && phase.rssSamples.length > 0;
  const rss = sampled ? median(phase.rssSamples) : target.pids.reduce((sum, pid) => sum + rssBytes(pid), 0);
  const heaps = await Promise.all(target.apiPorts.map((port) => heapUsedBytes(port)));
  const heap = heaps.every((h) => h !== null) && heaps.length > 0 ? heaps.reduce((a, b) => a! + b!, 0)! : null;
  const perCharger = (now: number, idle: number) => (connected > 0 ? Math.round(((now - idle) / connected / 1024) * 10) / 10 : 0);
  return {
    rssMB: Math.round(rss / 1048576),
    rssPerChargerKB: perCharger(rss, target.idleRss),
    rssMeasured: sampled ? 'median under load' : 'after phase',
    heapMB: heap === null ? null : Math.round(heap / 1048576),
    heapPerChargerKB: heap === null ? null : perCharger(heap, target.idleHeap),
    cpuPercent: Math.round(phase.cpu * 100),
    cpuMsPerCall: answered > 0 ? Math.round((phase.cpuSeconds * 1000 * 1000) / answered) / 1000 : null,
  };
}

/** Turns a finished phase into a result: figures common to every scenario plus the scenario's own. */
async function record(
  scenario: string,
  target: Target,
  n: number,
  phase: Phase,
  options: { rateWindowS: number; underLoad: boolean; rowsBefore?: number; rowsWindowS?: number; extra?: Partial<ScenarioResult> },
): Promise<ScenarioResult> {
  const merged = merge(phase.reports);
  const result: ScenarioResult = {
    scenario,
    target: target.name,
    chargers: n,
    connected: merged.connected,
    wallS: round(options.rateWindowS),
    messagesPerS: Math.round(merged.calls / options.rateWindowS),
    latency: merged.latency,
    all: merged.all,
    errors: merged.errors,
    errorCount: merged.errorCount,
    server: await serverFigures(target, merged.connected, phase, merged.all.count, options.underLoad),
    eventLoopLag: phase.eventLoopLag,
    otherCpu: phase.otherCpu,
    ...(merged.sessions ? { sessions: { ...merged.sessions, perS: round(merged.sessions.completed / options.rateWindowS) } } : {}),
    ...options.extra,
  };
  if (options.rowsBefore !== undefined) result.pgRowsPerS = Math.round(((await insertedRows(pg!)) - options.rowsBefore) / (options.rowsWindowS ?? options.rateWindowS));
  results.push(result);
  printResult(result);
  return result;
}

const rowsBefore = async (target: Target) => (target.name === 'bare' ? undefined : await insertedRows(pg!));

/** Which workers hold which chargers: contiguous slices of at most `perWorker`, spread evenly over the urls. */
function assign(n: number, urls: string[]): Array<{ worker: LoadWorker; url: string; ids: string[] }> {
  let count = Math.ceil(n / perWorker);
  count = Math.ceil(count / urls.length) * urls.length;
  while (workers.length < count) workers.push(new LoadWorker(workers.length));
  const per = Math.ceil(n / count);
  return Array.from({ length: count }, (_, w) => ({
    worker: workers[w],
    url: urls[w % urls.length],
    ids: Array.from({ length: Math.max(0, Math.min(per, n - w * per)) }, (_, i) => chargerId(w * per + i)),
  })).filter((slot) => slot.ids.length > 0);
}
type Slots = ReturnType<typeof assign>;

const password = args.password === 'shared' ? 'bench-password-0123456789' : undefined;

async function storm(target: Target, n: number): Promise<Slots> {
  const slots = assign(n, target.urls);
  await Promise.all(slots.map((slot) => slot.worker.ready));
  const integrators = await openIntegrators(target);
  const before = await rowsBefore(target);
  const concurrency = Math.max(1, Math.floor(Number(args['connect-concurrency']) / slots.length));
  const phase = await runPhase(
    `storm ${target.name} ${n}`,
    slots.map(({ worker, url, ids }) => [worker, { cmd: 'connect', url, ids, password, concurrency, boot: true, statusNotifications: STORM_STATUS_NOTIFICATIONS }]),
    target,
  );
  await sleep(1500);
  const ready = merge(phase.reports).ready;
  const followed = await integrators?.close();
  await record('storm', target, n, phase, {
    rateWindowS: phase.wallS,
    underLoad: false,
    rowsBefore: before,
    rowsWindowS: phase.wallS + 1.5,
    extra: {
      ready,
      connectRate: Math.round(ready / phase.wallS),
      ...followed,
      note: `connect, BootNotification and ${STORM_STATUS_NOTIFICATIONS} StatusNotifications per charger, ${args['connect-concurrency']} in flight` + integratorsNote(followed),
    },
  });
  return slots;
}

async function steady(target: Target, slots: Slots, n: number): Promise<void> {
  const before = await rowsBefore(target);
  const phase = await runPhase(`steady ${target.name} ${n}`, slots.map(({ worker }) => [worker, { cmd: 'steady', durationS, compress, heartbeatS: HEARTBEAT_S }]), target);
  // The workers wait 2 s past the window and then for calls still in flight: a saturated server's
  // backlog is counted over the time it really took.
  const wallS = Math.max(durationS, phase.wallS - 2);
  await record('steady', target, n, phase, {
    rateWindowS: wallS,
    underLoad: true,
    rowsBefore: before,
    rowsWindowS: wallS + 2,
    extra: {
      note: `time compressed ${compress}x: Heartbeat every ${HEARTBEAT_S / compress} s, MeterValues every ${10 / compress}-${60 / compress} s, StatusNotification every ${300 / compress}-${900 / compress} s per charger`,
    },
  });
}

const idTagsOf = (ids: string[]) => ids.map((id) => idTagFor(Number(id.slice(6))));

/** Integrators following the phase, with `--subscribers` and `--webhooks` (QCharge only: the bare responder has no API). */
const openIntegrators = (target: Target) => (target.name === 'bare' ? undefined : openIntegratorsOf(target.apiPorts[0], { subscribers, webhooks }));

async function steadyReal(target: Target, slots: Slots, n: number): Promise<void> {
  const integrators = await openIntegrators(target);
  const before = await rowsBefore(target);
  const phase = await runPhase(
    `steady-real ${target.name} ${n}`,
    slots.map(({ worker, ids }, k) => [
      worker,
      {
        cmd: 'steady-real',
        durationS: realDurationS,
        heartbeatS: REAL_HEARTBEAT_S,
        meterValuesS: REAL_METER_VALUES_S,
        firstIndex: Number(ids[0].slice(6)),
        fleetSize: n,
        sessionsPerS: realSessionsPerS / slots.length,
        sessionPhase: k / slots.length,
        idTags: idTagsOf(ids),
      },
    ]),
    target,
  );
  const followed = await integrators?.close();
  await record('steady-real', target, n, phase, {
    rateWindowS: realDurationS,
    underLoad: true,
    rowsBefore: before,
    extra: {
      ...followed,
      note:
        `real rates, open loop: Heartbeat every ${REAL_HEARTBEAT_S} s and MeterValues every ${REAL_METER_VALUES_S} s per charger (phases spread evenly), ` +
        `${realSessionsPerS} sessions/s (Authorize, StartTransaction, MeterValues, StopTransaction), ${realDurationS} s` +
        integratorsNote(followed),
    },
  });
}

/** The first `closedLoopChargers` chargers (shared out over the workers) loop Heartbeats; the rest stay connected and idle. */
async function closedLoop(target: Target, slots: Slots): Promise<void> {
  const total = slots.reduce((sum, s) => sum + s.ids.length, 0);
  const wanted = Math.min(closedLoopChargers, total);
  let before = 0;
  const shares = slots.map(({ ids }) => {
    const share = Math.floor((wanted * (before + ids.length)) / total) - Math.floor((wanted * before) / total);
    before += ids.length;
    return share;
  });
  const phase = await runPhase(`closedloop ${target.name} ${wanted}`, slots.map(({ worker }, k) => [worker, { cmd: 'closedloop', durationS, chargers: shares[k] }]), target);
  const elapsedS = Math.max(...phase.reports.map((r) => r.elapsedMs ?? 0)) / 1000;
  await record('closedloop', target, total, phase, {
    rateWindowS: elapsedS,
    underLoad: true,
    extra: { connected: wanted, note: `${wanted} chargers each send the next Heartbeat when the last is answered, ${durationS} s; the other ${total - wanted} stay connected and idle` },
  });
}

async function burst(target: Target, slots: Slots, n: number): Promise<void> {
  const before = await rowsBefore(target);
  const ratePerS = burstRate / slots.length;
  const phase = await runPhase(
    `burst ${target.name} ${burstRate}/s`,
    slots.map(({ worker, ids }) => [worker, { cmd: 'burst', ratePerS, durationS, meterValuesPerSession: mvPerSession, idTags: idTagsOf(ids) }]),
    target,
  );
  await record('burst', target, n, phase, {
    rateWindowS: phase.wallS,
    underLoad: true,
    rowsBefore: before,
    extra: { note: `open loop, target ${burstRate} sessions/s: Authorize, StartTransaction, ${mvPerSession} MeterValues, StopTransaction back to back` },
  });
}

/**
 * One charger connects to each node before the storm, so the node's verified-password cache holds the
 * shared hash and the storm measures the server rather than N concurrent scrypt runs (see the report).
 */
async function primePasswordCache(target: Target): Promise<void> {
  if (!password) return;
  const [slot] = assign(1, target.urls);
  await slot.worker.ready;
  for (const url of target.urls) {
    const report = await slot.worker.run({ cmd: 'connect', url, ids: [chargerId(0)], password, concurrency: 1, boot: false });
    if (report.connected !== 1) throw new Error(`priming connection to ${url} failed: ${JSON.stringify(report.errors)}`);
    await slot.worker.run({ cmd: 'disconnect' });
  }
}

async function graphqlAvailable(apiPort: number): Promise<boolean> {
  try {
    return (await postGraphql(apiPort, { query: '{ __typename }' })).status !== 404;
  } catch {
    return false;
  }
}

async function fanout(target: Target, server: ServerProcess, connected: number): Promise<void> {
  const count = Math.min(Number(args['fanout-commands']), connected);
  if (!(await graphqlAvailable(server.apiPort))) {
    const note = 'skipped: POST /graphql answers 404 (the GraphQL API is not in this build yet)';
    notes.push(`fanout ${note}`);
    results.push({ scenario: 'fanout', target: target.name, chargers: connected, connected, wallS: 0, messagesPerS: 0, latency: {}, all: new Histogram().summary(), errors: {}, errorCount: 0, note });
    console.log(`fanout: ${note}`);
    return;
  }
  const histogram = new Histogram();
  const errors: Record<string, number> = {};
  // As an API client (or load tester) with keep-alive would have them: the `count` connections are open
  // before the timed burst (kept open by the client's agent and by the server for 65 s), as the chargers
  // are connected before it; the burst then times the commands, not 1,000 TCP and HTTP connection setups.
  const opened = performance.now();
  await Promise.all(Array.from({ length: count }, () => graphqlAvailable(server.apiPort)));
  const openMs = Math.round(performance.now() - opened);
  const measuring = measure(target);
  const started = performance.now();
  const query = 'mutation($id: ID!) { getConfiguration(input: { chargePointId: $id, key: ["HeartbeatInterval"] }) { messageId configurationKey { key value } command { id status } } }';
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const t0 = performance.now();
      try {
        const res = await postGraphql(server.apiPort, { query, variables: { id: chargerId(i) } });
        const body = JSON.parse(res.body) as { errors?: Array<{ extensions?: { code?: string } }> };
        if (body.errors?.length) {
          const code = `getConfiguration:${body.errors[0].extensions?.code ?? 'ERROR'}`;
          errors[code] = (errors[code] ?? 0) + 1;
        } else histogram.record(performance.now() - t0);
      } catch (error) {
        const code = `getConfiguration:${(error as Error).message.slice(0, 30)}`;
        errors[code] = (errors[code] ?? 0) + 1;
      }
    }),
  );
  const wallS = (performance.now() - started) / 1000;
  const measured = await measuring.finish();
  const result: ScenarioResult = {
    scenario: 'fanout',
    target: target.name,
    chargers: connected,
    connected,
    wallS: round(wallS),
    messagesPerS: Math.round(histogram.count / wallS),
    latency: { getConfiguration: histogram.summary() },
    all: histogram.summary(),
    errors,
    errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
    server: await serverFigures(target, connected, measured, histogram.count, false),
    eventLoopLag: measured.eventLoopLag,
    otherCpu: measured.otherCpu,
    commands: { sent: count, ok: histogram.count, perS: Math.round(histogram.count / wallS) },
    note: `${count} concurrent GraphQL getConfiguration mutations on ${count} keep-alive connections opened before (in ${openMs} ms), each waiting for the charger's answer (goal: >= 1,000 commands/s, p99 <= 2 s)`,
  };
  results.push(result);
  printResult(result);
}

async function disconnectAll(slots: Array<{ worker: LoadWorker }>): Promise<void> {
  await Promise.all(slots.map(({ worker }) => worker.run({ cmd: 'disconnect' })));
  await sleep(3000);
}

async function idleFigures(pids: number[], apiPorts: number[]) {
  await sleep(2000);
  const heaps = await Promise.all(apiPorts.map((p) => heapUsedBytes(p)));
  return { idleRss: pids.reduce((s, pid) => s + rssBytes(pid), 0), idleHeap: heaps.reduce((s: number, h) => s + (h ?? 0), 0) };
}

function qchargeEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  // The webhook endpoints of --webhooks listen on this machine.
  const hooks: Record<string, string> = webhooks > 0 ? { WEBHOOK_ALLOW_PRIVATE: 'true' } : {};
  return { DATABASE_URL: args['database-url']!, REDIS_URL: args['redis-url']!, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn', ...hooks, ...extra };
}

/** The scenarios that run on an already connected fleet, in the same order on every target. */
async function steadyScenarios(target: Target, slots: Slots, n: number): Promise<void> {
  if (scenarios.has('steady')) await steady(target, slots, n);
  if (scenarios.has('steady-real')) await steadyReal(target, slots, n);
  if (scenarios.has('closedloop')) await closedLoop(target, slots);
  if (scenarios.has('burst')) await burst(target, slots, n);
}

async function runBare(): Promise<void> {
  const bare = await startBareResponder();
  cleanups.push(() => stopChild(bare.child));
  // The bare responder serves /metrics (event-loop lag, heap) on its WebSocket port.
  const target: Target = { name: 'bare', urls: [`ws://127.0.0.1:${bare.port}/ocpp/bench`], pids: [bare.pid], apiPorts: [bare.port], ...(await idleFigures([bare.pid], [bare.port])) };
  let slots: Slots = [];
  for (const n of sizes.filter((size) => size < 20000)) {
    if (slots.length) await disconnectAll(slots);
    slots = await storm(target, n);
  }
  await steadyScenarios(target, slots, steadyN);
  await disconnectAll(slots);
  await stopChild(bare.child);
}

async function runSingleNode(prefix: string): Promise<string | undefined> {
  const profileDir = path.join(os.tmpdir(), `qcharge-bench-profile-${process.pid}`);
  const server = await startQcharge('single', qchargeEnv(prefix), args.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);
  cleanups.push(() => stopChild(server.child));
  const target: Target = { name: 'qcharge', urls: [`ws://127.0.0.1:${server.ocppPort}/ocpp/bench`], pids: [server.pid], apiPorts: [server.apiPort], ...(await idleFigures([server.pid], [server.apiPort])) };
  await primePasswordCache(target);
  let slots: Slots = [];
  for (const n of scenarios.has('storm') ? sizes : [steadyN]) {
    if (slots.length) await disconnectAll(slots);
    slots = await storm(target, n);
  }
  await steadyScenarios(target, slots, steadyN);
  if (scenarios.has('fanout')) await fanout(target, server, Math.min(steadyN, slots.reduce((n, s) => n + s.ids.length, 0)));
  await disconnectAll(slots);
  await stopChild(server.child);
  if (!args.profile) return undefined;
  const files = fs.existsSync(profileDir) ? fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')) : [];
  return files.length ? path.join(profileDir, files[0]) : undefined;
}

async function runTwoNodes(prefix: string): Promise<void> {
  const first = await startQcharge('node-a', qchargeEnv(prefix));
  cleanups.push(() => stopChild(first.child));
  const second = await startQcharge('node-b', qchargeEnv(prefix, { ROLES: 'ingress' }));
  cleanups.push(() => stopChild(second.child));
  const servers = [first, second];
  const target: Target = {
    name: 'qcharge-2nodes',
    urls: servers.map((s) => `ws://127.0.0.1:${s.ocppPort}/ocpp/bench`),
    pids: servers.map((s) => s.pid),
    apiPorts: servers.map((s) => s.apiPort),
    ...(await idleFigures(servers.map((s) => s.pid), servers.map((s) => s.apiPort))),
  };
  await primePasswordCache(target);
  const slots = await storm(target, twoNodeChargers);
  await steadyScenarios(target, slots, twoNodeChargers);
  await disconnectAll(slots);
  await Promise.all(servers.map((s) => stopChild(s.child)));
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function printResult(r: ScenarioResult): void {
  const s = r.server;
  console.log(
    `  ${r.scenario} ${r.target} N=${r.chargers}: connected ${r.connected}` +
      (r.connectRate !== undefined ? `, ${r.connectRate} ready/s` : '') +
      (r.commands ? `, ${r.commands.ok}/${r.commands.sent} commands, ${r.commands.perS} commands/s` : `, ${r.messagesPerS} msg/s`) +
      `, p50 ${r.all.p50} p99 ${r.all.p99} max ${r.all.max} ms, errors ${r.errorCount}` +
      (r.sessions ? `, sessions ${r.sessions.completed}/${r.sessions.started} (${r.sessions.skipped} skipped)` : '') +
      (s ? `, RSS ${s.rssMB} MB (${s.rssPerChargerKB} KB/charger), CPU ${s.cpuPercent}%, ${s.cpuMsPerCall ?? '-'} CPU ms/call` : '') +
      (r.pgRowsPerS !== undefined ? `, PG ${r.pgRowsPerS} rows/s` : '') +
      (r.otherCpu ? ` | postgres CPU ${r.otherCpu.postgresPercent}%, load generators ${r.otherCpu.loadGeneratorPercent}%, load avg ${r.otherCpu.loadAverage.toFixed(1)}` : ''),
  );
  printIntegrators(r);
  if (r.eventLoopLag) console.log(`    ${formatTimeline(r.eventLoopLag)}`);
}

function ratios() {
  const out: Array<Record<string, unknown>> = [];
  for (const ours of results.filter((r) => r.target === 'qcharge')) {
    const bare = results.find((r) => r.target === 'bare' && r.scenario === ours.scenario && r.chargers === ours.chargers);
    if (!bare) continue;
    const div = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? round(a / b) : null);
    out.push({
      scenario: ours.scenario,
      chargers: ours.chargers,
      connectRate: div(ours.connectRate, bare.connectRate),
      messagesPerS: div(ours.messagesPerS, bare.messagesPerS),
      p50: div(ours.all.p50, bare.all.p50),
      p99: div(ours.all.p99, bare.all.p99),
      cpuMsPerCall: div(ours.server?.cpuMsPerCall ?? undefined, bare.server?.cpuMsPerCall ?? undefined),
      rssPerCharger: div(ours.server?.rssPerChargerKB, bare.server?.rssPerChargerKB),
    });
  }
  return out;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n');
}

function printGoals(goals: GoalRow[]): void {
  console.log('\nIssue 18 goals (QCharge and the bare responder measured back to back in this run, same generator)');
  const cell = (v: number | null) => (v === null ? '' : String(v));
  console.log(table([['goal', 'QCharge', 'bare', 'ratio', 'goal', 'status', 'note'], ...goals.map((g) => [g.goal, cell(g.measured), cell(g.bare), cell(g.ratio), g.limit, g.status, g.note ?? ''])]));
}

function printSummary(report: Record<string, any>): void {
  const rows = [['scenario', 'target', 'N', 'connected', 'ready/s', 'msg/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'RSS KB/cp', 'heap KB/cp', 'CPU %', 'CPU ms/call', 'lag max ms', 'PG CPU %', 'gen CPU %', 'PG rows/s']];
  for (const r of results) {
    rows.push([
      r.scenario, r.target, String(r.chargers), String(r.connected), String(r.connectRate ?? ''), String(r.commands?.perS ?? r.messagesPerS),
      String(r.all.p50), String(r.all.p95), String(r.all.p99), String(r.all.max), String(r.errorCount),
      String(r.server?.rssPerChargerKB ?? ''), String(r.server?.heapPerChargerKB ?? ''), String(r.server?.cpuPercent ?? ''), String(r.server?.cpuMsPerCall ?? ''),
      String(r.eventLoopLag?.maxMs ?? ''), String(r.otherCpu?.postgresPercent ?? ''), String(r.otherCpu?.loadGeneratorPercent ?? ''), String(r.pgRowsPerS ?? ''),
    ]);
  }
  console.log('\n' + table(rows));
  const actionRows = [['scenario', 'target', 'N', 'action', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms']];
  for (const r of results) {
    for (const [action, l] of Object.entries(r.latency)) actionRows.push([r.scenario, r.target, String(r.chargers), action, String(l.count), String(l.p50), String(l.p95), String(l.p99), String(l.max)]);
  }
  console.log('\n' + table(actionRows));
  if (report.ratios.length) {
    console.log('\nQCharge / bare responder (throughput: higher is better, 1.0 = the ceiling; latency: lower is better)');
    const ratioRows = report.ratios.map((x: any) => [x.scenario, String(x.chargers), String(x.connectRate ?? ''), String(x.messagesPerS ?? ''), String(x.p50 ?? ''), String(x.p99 ?? ''), String(x.cpuMsPerCall ?? ''), String(x.rssPerCharger ?? '')]);
    console.log(table([['scenario', 'N', 'ready/s', 'msg/s', 'p50', 'p99', 'CPU/call', 'RSS/charger'], ...ratioRows]));
  }
  console.log('\nEvent-loop lag per second (worst of the server processes; bars scaled to each line\'s worst second)');
  for (const r of results) if (r.eventLoopLag) console.log(`  ${r.scenario} ${r.target} N=${r.chargers}: ${formatTimeline(r.eventLoopLag)}`);
  printGoals(report.goals);
  if (report.postgres) console.log(`\nPostgreSQL plain insert rate: ${JSON.stringify(report.postgres)}`);
  for (const note of notes) console.log(`note: ${note}`);
}

function machine() {
  const version = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  return {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: version(`psql "${args['database-url']}" -tAc "show server_version"`),
    redis: version('redis-cli info server | grep redis_version'),
    openFilesLimit: version('sh -c "ulimit -n"'),
    loadAverageAtEnd: os.loadavg().map((l) => round(l)),
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  // Other work on the same 2 cores shows up in every figure; the load average says how much there was.
  const loadAverageAtStart = os.loadavg().map((l) => round(l));
  if (!args['no-build']) {
    console.log('building (npm run build)...');
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  }
  if (!fs.existsSync(path.join(ROOT, 'dist/src/main.js'))) throw new Error('dist/src/main.js is missing: run npm run build');
  const prefix = `qcharge:bench:${Date.now().toString(36)}:`;
  const maxN = Math.max(...sizes, scenarios.has('twonodes') ? twoNodeChargers : 0);
  await resetDatabase(args['database-url']!);

  // A short-lived server creates and migrates the database; the seed then goes in with plain SQL.
  const migrator = await startQcharge('migrate', qchargeEnv(prefix, { ROLES: 'worker' }));
  await stopChild(migrator.child);
  pg = new Client({ connectionString: args['database-url'] });
  await pg.connect();
  const seedStarted = performance.now();
  const passwordHash = password ? await hashPassword(password) : null;
  const { tenantId } = await seedTenant(pg, maxN, passwordHash);
  console.log(`seeded ${maxN} charge points and id tags in ${Math.round(performance.now() - seedStarted)} ms (${password ? 'one shared scrypt password hash' : 'no password'})`);

  let profileFile: string | undefined;
  const report: Record<string, any> = {};
  try {
    if (scenarios.has('baseline')) await runBare();
    if (['storm', 'steady', 'steady-real', 'closedloop', 'burst', 'fanout'].some((s) => scenarios.has(s))) profileFile = await runSingleNode(prefix);
    if (scenarios.has('twonodes')) await runTwoNodes(prefix);
    if (scenarios.has('baseline')) {
      console.log('PostgreSQL plain insert baseline...');
      report.postgres = {
        singleRowInsertsPerS: Math.round(await plainInsertRate(args['database-url']!, tenantId, { seconds: 10, clients: 20, batch: 1 })),
        hundredRowInsertsRowsPerS: Math.round(await plainInsertRate(args['database-url']!, tenantId, { seconds: 10, clients: 4, batch: 100 })),
        note: 'meter_value rows (3 sampled values as jsonb, same indexes) by plain pg clients: 20 connections x 1 row per INSERT, and 4 connections x 100 rows per INSERT',
      };
      const persisted = results.filter((r) => r.target === 'qcharge' && r.pgRowsPerS);
      const best = Math.max(0, ...persisted.map((r) => r.pgRowsPerS!));
      report.postgres.qchargeBestRowsPerS = best;
      report.postgres.ratioToSingleRow = round(best / report.postgres.singleRowInsertsPerS);
    }
  } finally {
    for (const worker of workers) worker.child.send({ cmd: 'exit' });
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await pg.end().catch(() => undefined);
    const redis = new Redis(args['redis-url']!);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }

  let profile: ProfileSummary | undefined;
  if (profileFile) profile = summarizeProfile(profileFile);
  Object.assign(report, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { ...machine(), loadAverageAtStart },
    options: { sizes, twoNodeChargers, durationS, realDurationS, realSessionsPerS, closedLoopChargers, stormStatusNotifications: STORM_STATUS_NOTIFICATIONS, compress, burstRate, mvPerSession, perWorker, scenarios: [...scenarios], password: password ? 'one scrypt hash shared by all charge points, verified-password cache primed by one connection per node' : 'none', serverLogLevel: 'warn' },
    loadGenerator: `${workers.length} processes of raw ws OCPP-J clients on the same 2 cores as the server (latencies include their own event-loop delay)`,
    results,
    ratios: ratios(),
    goals: evaluateGoals(results, Number(args['fanout-commands'])),
    notes,
    profile,
  });
  printSummary(report);
  if (profile) {
    console.log(`\nCPU profile of the single-node server (${profile.file}), self time, idle ${profile.idlePercent}%:`);
    for (const f of profile.topFunctions.slice(0, 15)) console.log(`  ${String(f.selfPercent).padStart(5)}%  ${f.name}  ${f.where}`);
    console.log('  by area: ' + profile.byArea.slice(0, 12).map((a) => `${a.area} ${a.selfPercent}%`).join(', '));
  }
  fs.mkdirSync(args.out!, { recursive: true });
  const file = path.join(args.out!, `${startedAt.toISOString().slice(0, 16).replace(':', '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  fs.writeFileSync(path.join(args.out!, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(ROOT, file)} and ${path.relative(ROOT, path.join(args.out!, 'latest.json'))}`);
}

main().then(
  () => process.exit(0),
  async (error) => {
    console.error('bench failed:', error);
    for (const worker of workers) worker.child.kill('SIGKILL');
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    process.exit(1);
  },
);
