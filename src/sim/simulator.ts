import { createViaApi } from './api-setup';
import { SimulatedChargePoint, type SimStats } from './simulated-charge-point';

export interface SimulatorOptions {
  tenant: string;
  chargers: number;
  ocppUrl: string;
  apiUrl?: string;
  apiKey?: string;
  /** Seconds to run; the simulator then stops open sessions and exits. */
  durationS: number;
  prefix: string;
  password?: string;
  idTags: string[];
  idleS: [number, number];
  sessionS: [number, number];
  /** MeterValueSampleInterval the chargers start with (a CSMS may change it). */
  meterIntervalS: number;
  /** Where the live progress line goes; null for none. */
  progress: NodeJS.WriteStream | null;
}

export const DEFAULT_OPTIONS: Omit<SimulatorOptions, 'tenant'> = {
  chargers: 3,
  ocppUrl: 'ws://127.0.0.1:9000',
  durationS: 60,
  prefix: 'SIM',
  idTags: simulatorIdTags(3),
  idleS: [2, 8],
  sessionS: [15, 40],
  meterIntervalS: 5,
  progress: process.stdout,
};

/** Enough id tags for every connector of `chargers` two-connector chargers to charge at once, as distinct drivers. */
export function simulatorIdTags(chargers: number): string[] {
  return Array.from({ length: Math.max(4, chargers * 2) }, (_, i) => `SIM-TAG-${i + 1}`);
}

export function chargerIds(prefix: string, count: number): string[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(width, '0')}`);
}

function progressLine(stats: SimStats, total: number, elapsedS: number): string {
  const refused = stats.sessionsRefused ? ` (${stats.sessionsRefused} refused)` : '';
  return `[simulate ${elapsedS}s] connected ${stats.connected}/${total}  sessions ${stats.sessionsActive} active, ${stats.sessionsCompleted} done${refused}  messages ${stats.messages}  errors ${stats.errors}`;
}

/** Runs the simulation and resolves with the process exit code: 0 when every charger connected and ran its duration, 1 when one could not connect. */
export async function runSimulator(options: SimulatorOptions): Promise<number> {
  const ids = chargerIds(options.prefix, options.chargers);
  if (options.apiKey) {
    const apiUrl = options.apiUrl ?? 'http://127.0.0.1:4000';
    await createViaApi(apiUrl, options.apiKey, ids.map((id) => ({ id, password: options.password })), options.idTags);
  }
  const stats: SimStats = { connected: 0, sessionsActive: 0, sessionsCompleted: 0, sessionsRefused: 0, messages: 0, errors: 0, tagsInUse: new Set() };
  const chargePoints = ids.map(
    (identity) =>
      new SimulatedChargePoint({ ocppUrl: options.ocppUrl, tenant: options.tenant, identity, password: options.password, idTags: options.idTags, stats, idleS: options.idleS, sessionS: options.sessionS }),
  );
  for (const cp of chargePoints) cp.configuration.get('MeterValueSampleInterval')!.value = String(options.meterIntervalS);
  const started = Date.now();
  const out = options.progress;
  const tty = Boolean(out?.isTTY);
  let ticks = 0;
  const ticker = setInterval(() => {
    if (!out || (!tty && ++ticks % 5 !== 0)) return;
    const text = progressLine(stats, ids.length, Math.round((Date.now() - started) / 1000));
    out.write(tty ? `\r\x1b[K${text}` : `${text}\n`);
  }, 1000);

  const results = await Promise.allSettled(chargePoints.map((cp, i) => new Promise((r) => setTimeout(r, i * 20)).then(() => cp.start())));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  results.forEach((result, i) => {
    if (result.status === 'rejected' && i < 20) {
      out?.write(`${ids[i]}: connect failed: ${result.reason?.message ?? result.reason} (does the charge point exist in tenant ${options.tenant}? pass --api-key to create it)\n`);
    }
  });
  stats.errors += failed.length;

  if (failed.length < chargePoints.length) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, options.durationS * 1000 - (Date.now() - started))));
  }
  await Promise.all(chargePoints.map((cp) => cp.stop()));
  clearInterval(ticker);
  if (out) {
    out.write(`${tty ? '\r\x1b[K' : ''}${progressLine(stats, ids.length, Math.round((Date.now() - started) / 1000))}\n`);
    if (stats.lastError) out.write(`last error: ${stats.lastError}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}
