import type { ScenarioResult, TargetName } from './scenario-result';

/** One goal of issue 18 against one run: QCharge's figure, the bare responder's, their ratio and the verdict. */
export interface GoalRow {
  goal: string;
  measured: number | null;
  bare: number | null;
  ratio: number | null;
  limit: string;
  status: 'PASS' | 'MISS' | 'not measured' | 'info';
  note?: string;
}

const round = (v: number) => Math.round(v * 100) / 100;
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a != null && b ? round(a / b) : null);

export function evaluateGoals(results: ScenarioResult[], fanoutCommands: number): GoalRow[] {
  const find = (scenario: string, target: TargetName, chargers?: number) =>
    results.filter((r) => r.scenario === scenario && r.target === target && (chargers === undefined || r.chargers === chargers)).at(-1);
  const rows: GoalRow[] = [];
  const row = (goal: string, measured: number | null | undefined, bare: number | null | undefined, limit: string, pass: ((m: number) => boolean) | null, note?: string) =>
    rows.push({
      goal,
      measured: measured ?? null,
      bare: bare ?? null,
      ratio: ratio(measured, bare),
      limit,
      status: measured == null ? 'not measured' : pass === null ? 'info' : pass(measured) ? 'PASS' : 'MISS',
      ...(note ? { note } : {}),
    });

  const real = find('steady-real', 'qcharge');
  const realBare = find('steady-real', 'bare');
  if (real) {
    for (const [action, ours] of Object.entries(real.latency)) {
      const bare = realBare?.latency[action];
      const p99Limit = Math.max(10 * (bare?.p99 ?? 0), 25);
      row(`steady-real ${action} p99 ms`, ours.p99, bare?.p99, `<= max(10x bare, 25) = ${round(p99Limit)}`, (m) => m <= p99Limit);
      const p50Limit = Math.max(3 * (bare?.p50 ?? 0), 3);
      row(`steady-real ${action} p50 ms`, ours.p50, bare?.p50, `<= max(3x bare, 3) = ${round(p50Limit)}`, (m) => m <= p50Limit);
    }
    const failed = real.errorCount + (real.sessions?.failed ?? 0);
    row('steady-real errors (calls + failed sessions)', failed, realBare ? realBare.errorCount + (realBare.sessions?.failed ?? 0) : null, '= 0', (m) => m === 0);
  } else row('steady-real p50/p99 per action', null, null, 'scenario steady-real', null);

  const cpuBare = realBare?.server?.cpuMsPerCall;
  row('steady-real server CPU ms per answered call', real?.server?.cpuMsPerCall, cpuBare, cpuBare ? `<= 3x bare = ${round(3 * cpuBare)}` : '<= 3x bare', (m) => cpuBare != null && m <= 3 * cpuBare);
  for (const scenario of ['storm', 'closedloop']) {
    const ours = find(scenario, 'qcharge');
    row(`${scenario} server CPU ms per answered call`, ours?.server?.cpuMsPerCall, find(scenario, 'bare', ours?.chargers)?.server?.cpuMsPerCall, 'for reference', null);
  }
  row('steady-real RSS per connected charger, KiB', real?.server?.rssPerChargerKB, realBare?.server?.rssPerChargerKB, '<= 20', (m) => m <= 20);
  row('steady-real worst event-loop lag, ms', real?.eventLoopLag?.maxMs, realBare?.eventLoopLag?.maxMs, 'stalls to find (timeline per scenario)', null);

  const storms = results.filter((r) => r.scenario === 'storm' && r.target === 'qcharge');
  const storm = storms.filter((r) => find('storm', 'bare', r.chargers)).at(-1) ?? storms.at(-1);
  const stormBare = storm && find('storm', 'bare', storm.chargers);
  row(`storm ready chargers/s (${storm?.chargers ?? '?'} chargers)`, storm?.connectRate, stormBare?.connectRate, '>= 0.5x bare', (m) => stormBare?.connectRate != null && m >= 0.5 * stormBare.connectRate);
  row(`storm failures (${storm?.chargers ?? '?'} chargers)`, storm ? storm.chargers - (storm.ready ?? 0) : null, stormBare ? stormBare.chargers - (stormBare.ready ?? 0) : null, '= 0', (m) => m === 0);

  const loop = find('closedloop', 'qcharge');
  const loopBare = find('closedloop', 'bare');
  row(`closed-loop Heartbeat calls/s (${loop?.connected ?? '?'} chargers)`, loop?.messagesPerS, loopBare?.messagesPerS, '>= 0.5x bare', (m) => loopBare != null && m >= 0.5 * loopBare.messagesPerS);

  const fan = find('fanout', 'qcharge');
  const fanNote = fan && fan.commands ? `${fan.commands.ok} of ${fan.commands.sent} answered` : undefined;
  const fanMeasured = fan?.commands && fan.commands.sent > 0 ? fan : undefined;
  row(`fanout commands/s (${fanMeasured?.commands?.sent ?? fanoutCommands} commands)`, fanMeasured?.commands?.perS, null, '>= 1,000', (m) => m >= 1000, fanNote);
  row('fanout p99 ms', fanMeasured?.all.p99, null, '<= 2,000', (m) => m <= 2000 && fanMeasured!.errorCount === 0, fanNote);

  const twoStorm = find('storm', 'qcharge-2nodes');
  const oneStorm = storms.at(-1);
  const generators = (r: ScenarioResult | undefined) => (r?.otherCpu ? `${r.otherCpu.loadGeneratorPercent}%` : '?');
  row(
    `two ingress / one: storm ready chargers/s (${twoStorm?.chargers ?? '?'} vs ${oneStorm?.chargers ?? '?'} chargers)`,
    ratio(twoStorm?.connectRate, oneStorm?.connectRate),
    null,
    '>= 1.8',
    (m) => m >= 1.8,
    `generator CPU ${generators(twoStorm)} (two) vs ${generators(oneStorm)} (one), 100% = one core`,
  );
  const twoLoop = find('closedloop', 'qcharge-2nodes');
  row('two ingress / one: closed-loop Heartbeat calls/s', ratio(twoLoop?.messagesPerS, loop?.messagesPerS), null, '>= 1.8', (m) => m >= 1.8, `generator CPU ${generators(twoLoop)} (two) vs ${generators(loop)} (one)`);
  return rows;
}
