/**
 * One load generator process (forked by bench/run.ts). It holds a few thousand raw OCPP-J sockets, so
 * that no process comes near the 20,000 open files limit, and runs the phase the parent asks for:
 * connect (+ BootNotification and StatusNotifications), steady (Heartbeat/StatusNotification/MeterValues,
 * time-compressed), steady-real (real rates plus sessions), closedloop (Heartbeats back to back), burst
 * (sessions) or disconnect. It reports mergeable latency histograms per action and a progress tick every second.
 */
import { Histogram } from './lib/histogram';
import { RawOcppClient, type CallOutcome } from './lib/raw-ocpp-client';
import type { WorkerCommand, WorkerReport } from './lib/protocol';

const clients: RawOcppClient[] = [];
let histograms = new Map<string, Histogram>();
let errors: Record<string, number> = {};
let calls = 0;

function resetStats(): void {
  histograms = new Map();
  errors = {};
  calls = 0;
}

function record(action: string, outcome: CallOutcome): CallOutcome {
  calls++;
  if (outcome.ok) {
    let histogram = histograms.get(action);
    if (!histogram) histograms.set(action, (histogram = new Histogram()));
    histogram.record(outcome.ms);
  } else {
    const key = `${action}:${outcome.errorCode}`;
    errors[key] = (errors[key] ?? 0) + 1;
  }
  return outcome;
}

let inFlight = 0;

async function timedCall(client: RawOcppClient, action: string, payload: unknown): Promise<CallOutcome> {
  inFlight++;
  try {
    return record(action, await client.call(action, payload));
  } finally {
    inFlight--;
  }
}

/** Lets calls still in flight finish (or time out) inside the phase that sent them, not the next one. */
async function drain(maxMs = 35_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (inFlight > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
}

function send(report: WorkerReport): void {
  process.send!(report);
}

function report(phase: string, extra: Record<string, unknown> = {}): void {
  send({
    type: 'done',
    phase,
    calls,
    errors,
    histograms: Object.fromEntries([...histograms].map(([action, h]) => [action, h.toJSON()])),
    connected: clients.filter((c) => !c.closed).length,
    csmsCalls: clients.reduce((n, c) => n + c.csmsCalls, 0),
    ...extra,
  });
}

const sendProgress = () =>
  send({ type: 'progress', calls, errorCount: Object.values(errors).reduce((a, b) => a + b, 0), connected: clients.filter((c) => !c.closed).length });
const progressTimer = setInterval(sendProgress, 1000);
sendProgress();
progressTimer.unref();

function answerCsms(action: string): unknown {
  switch (action) {
    case 'GetConfiguration':
      return { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: [] };
    case 'GetLocalListVersion':
      return { listVersion: 0 };
    case 'DataTransfer':
      return { status: 'Accepted' };
    default:
      return { status: 'Accepted' };
  }
}

const bootPayload = (id: string) => ({ chargePointVendor: 'QCharge', chargePointModel: 'Bench-1', chargePointSerialNumber: id.slice(-25), firmwareVersion: '1.0.0' });

async function connectAll(command: Extract<WorkerCommand, { cmd: 'connect' }>): Promise<void> {
  resetStats();
  const connectHistogram = new Histogram();
  histograms.set('connect', connectHistogram);
  let next = 0;
  let failed = 0;
  let ready = 0;
  const started = performance.now();
  const one = async () => {
    while (next < command.ids.length) {
      const id = command.ids[next++];
      const client = new RawOcppClient(id, command.url, command.password, answerCsms);
      const t0 = performance.now();
      try {
        await client.connect();
        connectHistogram.record(performance.now() - t0);
        clients.push(client);
        if (await bootSequence(client, command)) ready++;
      } catch (error) {
        failed++;
        const key = `connect:${(error as Error).message.slice(0, 40)}`;
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(command.concurrency, command.ids.length) }, one));
  report('connect', { failed, ready, elapsedMs: performance.now() - started });
}

/** What a charger sends once connected: BootNotification, then a StatusNotification per connector (0 = the whole charger). */
async function bootSequence(client: RawOcppClient, command: Extract<WorkerCommand, { cmd: 'connect' }>): Promise<boolean> {
  if (!command.boot) return true;
  if (!(await timedCall(client, 'BootNotification', bootPayload(client.identity))).ok) return false;
  for (let connectorId = 0; connectorId < (command.statusNotifications ?? 0); connectorId++) {
    const status = { connectorId, status: 'Available', errorCode: 'NoError', timestamp: new Date().toISOString() };
    if (!(await timedCall(client, 'StatusNotification', status)).ok) return false;
  }
  return true;
}

const uniform = (min: number, max: number) => min + Math.random() * (max - min);

function meterSample(energyWh: number, context = 'Sample.Periodic') {
  return [
    {
      timestamp: new Date().toISOString(),
      sampledValue: [
        { value: String(Math.round(energyWh)), context, measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
        { value: (7000 + Math.random() * 400).toFixed(0), context, measurand: 'Power.Active.Import', unit: 'W' },
        { value: (31 + Math.random()).toFixed(1), context, measurand: 'Current.Import', unit: 'A', phase: 'L1' },
      ],
    },
  ];
}

async function steady(command: Extract<WorkerCommand, { cmd: 'steady' }>): Promise<void> {
  resetStats();
  const endAt = Date.now() + command.durationS * 1000;
  const c = command.compress;
  const timers: NodeJS.Timeout[] = [];
  const loop = (client: RawOcppClient, min: number, max: number, action: string, payload: () => unknown) => {
    const schedule = (delay: number) => {
      if (Date.now() + delay >= endAt) return;
      const timer = setTimeout(async () => {
        if (client.closed) return;
        await timedCall(client, action, payload());
        schedule(uniform(min, max));
      }, delay);
      timers.push(timer);
    };
    // A random first delay spreads the chargers over the whole interval, as in a real fleet.
    schedule(Math.random() * max);
  };
  for (const client of clients) {
    let energy = Math.random() * 1e6;
    loop(client, (command.heartbeatS * 1000) / c, (command.heartbeatS * 1000) / c, 'Heartbeat', () => ({}));
    loop(client, (10_000) / c, 60_000 / c, 'MeterValues', () => ({ connectorId: 1, meterValue: meterSample((energy += 50), 'Sample.Clock') }));
    loop(client, 300_000 / c, 900_000 / c, 'StatusNotification', () => ({
      connectorId: 1 + Math.floor(Math.random() * 2),
      status: 'Available',
      errorCode: 'NoError',
      timestamp: new Date().toISOString(),
    }));
  }
  await new Promise((resolve) => setTimeout(resolve, command.durationS * 1000 + 2000));
  for (const timer of timers) clearTimeout(timer);
  await drain();
  report('steady');
}

async function session(client: RawOcppClient, idTag: string, meterValues: number): Promise<boolean> {
  const auth = await timedCall(client, 'Authorize', { idTag });
  if (!auth.ok) return false;
  const meterStart = Math.floor(Math.random() * 1e6);
  const start = await timedCall(client, 'StartTransaction', { connectorId: 1, idTag, meterStart, timestamp: new Date().toISOString() });
  if (!start.ok) return false;
  const transactionId = start.payload.transactionId;
  let energy = meterStart;
  for (let i = 0; i < meterValues; i++) {
    if (!(await timedCall(client, 'MeterValues', { connectorId: 1, transactionId, meterValue: meterSample((energy += 500)) })).ok) return false;
  }
  const stop = await timedCall(client, 'StopTransaction', { transactionId, idTag, meterStop: Math.round(energy + 500), timestamp: new Date().toISOString(), reason: 'Local' });
  return stop.ok;
}

type SessionCounts = { started: number; completed: number; failed: number; skipped: number };

/**
 * Open loop: sessions start on schedule whether or not earlier ones have finished (a charger that is
 * still busy is skipped and counted), so a slow server shows up as latency, not as a lower offered rate.
 */
async function runSessions(ratePerS: number, durationS: number, meterValues: number, idTags: string[], phase = 0): Promise<SessionCounts> {
  const idle = clients.filter((c) => !c.closed).map((client, i) => ({ client, idTag: idTags[i % idTags.length] }));
  const counts = { started: 0, completed: 0, failed: 0, skipped: 0 };
  if (ratePerS <= 0) return counts;
  const running = new Set<Promise<void>>();
  const t0 = performance.now();
  const intervalMs = 1000 / ratePerS;
  const endAt = t0 + durationS * 1000;
  for (let due = t0 + phase * intervalMs; due < endAt; due += intervalMs) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const slot = idle.shift();
    if (!slot) {
      counts.skipped++;
      continue;
    }
    counts.started++;
    const p: Promise<void> = session(slot.client, slot.idTag, meterValues).then((ok) => {
      if (ok) counts.completed++;
      else counts.failed++;
      idle.push(slot);
      running.delete(p);
    });
    running.add(p);
  }
  await Promise.all(running);
  return counts;
}

async function burst(command: Extract<WorkerCommand, { cmd: 'burst' }>): Promise<void> {
  resetStats();
  const t0 = performance.now();
  const sessions = await runSessions(command.ratePerS, command.durationS, command.meterValuesPerSession, command.idTags);
  report('burst', { sessions, elapsedMs: performance.now() - t0 });
}

/**
 * Real rates, not compressed: every charger sends Heartbeat and MeterValues at fixed intervals, each on
 * schedule whether or not its previous call was answered (open loop), with first due times spread
 * evenly over the fleet so the offered load is flat; sessions start at a fixed rate beside them.
 */
async function steadyReal(command: Extract<WorkerCommand, { cmd: 'steady-real' }>): Promise<void> {
  resetStats();
  const t0 = performance.now();
  const endAt = t0 + command.durationS * 1000;
  const timers = new Set<NodeJS.Timeout>();
  const every = (client: RawOcppClient, intervalMs: number, firstDue: number, action: string, payload: () => unknown) => {
    const fire = (due: number) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (client.closed) return;
        void timedCall(client, action, payload());
        if (due + intervalMs < endAt) fire(due + intervalMs);
      }, due - performance.now());
      timers.add(timer);
    };
    if (firstDue < endAt) fire(firstDue);
  };
  clients.forEach((client, i) => {
    const share = (command.firstIndex + i) / command.fleetSize;
    let energy = Math.random() * 1e6;
    every(client, command.heartbeatS * 1000, t0 + share * command.heartbeatS * 1000, 'Heartbeat', () => ({}));
    every(client, command.meterValuesS * 1000, t0 + share * command.meterValuesS * 1000, 'MeterValues', () => ({ connectorId: 1, meterValue: meterSample((energy += 50), 'Sample.Clock') }));
  });
  const sessions = await runSessions(command.sessionsPerS, command.durationS, 1, command.idTags, command.sessionPhase);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, endAt - performance.now())));
  for (const timer of timers) clearTimeout(timer);
  await drain();
  report('steady-real', { sessions, elapsedMs: performance.now() - t0 });
}

/** Closed loop: each of the first `chargers` chargers sends its next Heartbeat as soon as the last is answered. */
async function closedLoop(command: Extract<WorkerCommand, { cmd: 'closedloop' }>): Promise<void> {
  resetStats();
  const t0 = performance.now();
  const endAt = t0 + command.durationS * 1000;
  const loops = clients.slice(0, command.chargers).map(async (client) => {
    while (!client.closed && performance.now() < endAt) await timedCall(client, 'Heartbeat', {});
  });
  await Promise.all(loops);
  report('closedloop', { elapsedMs: performance.now() - t0 });
}

async function disconnect(): Promise<void> {
  resetStats();
  for (const client of clients.splice(0)) client.close();
  report('disconnect');
}

process.on('message', (command: WorkerCommand) => {
  const run = async () => {
    switch (command.cmd) {
      case 'connect':
        return connectAll(command);
      case 'steady':
        return steady(command);
      case 'burst':
        return burst(command);
      case 'steady-real':
        return steadyReal(command);
      case 'closedloop':
        return closedLoop(command);
      case 'disconnect':
        return disconnect();
      case 'stats':
        return report('stats');
      case 'exit':
        for (const client of clients) client.close();
        process.exit(0);
    }
  };
  run().catch((error) => send({ type: 'failed', message: String(error?.stack ?? error) }));
});
process.on('disconnect', () => process.exit(0));
