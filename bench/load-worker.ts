/**
 * One load generator process (forked by bench/run.ts). It holds a few thousand raw OCPP-J sockets, so
 * that no process comes near the 20,000 open files limit, and runs the phase the parent asks for:
 * connect (+ BootNotification), steady (Heartbeat/StatusNotification/MeterValues), burst (sessions) or
 * disconnect. It reports mergeable latency histograms per action and a progress tick every second.
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
        if (command.boot) await timedCall(client, 'BootNotification', bootPayload(id));
      } catch (error) {
        failed++;
        const key = `connect:${(error as Error).message.slice(0, 40)}`;
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(command.concurrency, command.ids.length) }, one));
  report('connect', { failed, elapsedMs: performance.now() - started });
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

async function burst(command: Extract<WorkerCommand, { cmd: 'burst' }>): Promise<void> {
  resetStats();
  const idle = clients.filter((c) => !c.closed).map((client, i) => ({ client, idTag: command.idTags[i % command.idTags.length] }));
  let started = 0;
  let completed = 0;
  let failed = 0;
  let skipped = 0;
  const running = new Set<Promise<void>>();
  const t0 = performance.now();
  const intervalMs = 1000 / command.ratePerS;
  const endAt = t0 + command.durationS * 1000;
  // Open loop: sessions start on schedule whether or not earlier ones have finished (a charger that is
  // still busy is skipped and counted), so a slow server shows up as latency, not as a lower offered rate.
  for (let due = t0; due < endAt; due += intervalMs) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const slot = idle.shift();
    if (!slot) {
      skipped++;
      continue;
    }
    started++;
    const p: Promise<void> = session(slot.client, slot.idTag, command.meterValuesPerSession).then((ok) => {
      if (ok) completed++;
      else failed++;
      idle.push(slot);
      running.delete(p);
    });
    running.add(p);
  }
  await Promise.all(running);
  report('burst', { sessions: { started, completed, failed, skipped }, elapsedMs: performance.now() - t0 });
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
