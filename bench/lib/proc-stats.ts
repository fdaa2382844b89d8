import fs from 'node:fs';

const CLOCK_TICKS = 100;

/** Resident memory in bytes, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** User + system CPU seconds used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Samples a process's CPU between two points in time, as a share of one core (1.0 = one core busy). */
export class CpuMeter {
  private startCpu: number;
  private startAt = performance.now();
  constructor(private readonly pid: number) {
    this.startCpu = cpuSeconds(pid);
  }
  read(): number {
    const elapsed = (performance.now() - this.startAt) / 1000;
    return elapsed > 0 ? this.usedSeconds() / elapsed : 0;
  }
  /** CPU seconds (user + system) used since the meter was made. */
  usedSeconds(): number {
    return cpuSeconds(this.pid) - this.startCpu;
  }
}

/** Scrapes prom-client's default heap gauge from a server's /metrics. */
export async function heapUsedBytes(apiPort: number): Promise<number | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${apiPort}/metrics`);
    const text = await res.text();
    const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([\d.e+]+)/m.exec(text);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Pids of every PostgreSQL server process on this machine (its backends do the SQL work we cause). */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

/** CPU of a changing set of processes between two points in time, as a share of one core. */
export class GroupCpuMeter {
  private readonly start = new Map<number, number>();
  private readonly startAt = performance.now();
  constructor(private readonly pids: () => number[]) {
    for (const pid of pids()) this.start.set(pid, safeCpu(pid));
  }
  read(): number {
    const elapsed = (performance.now() - this.startAt) / 1000;
    let used = 0;
    for (const pid of this.pids()) used += safeCpu(pid) - (this.start.get(pid) ?? 0);
    return elapsed > 0 ? Math.max(0, used) / elapsed : 0;
  }
}

function safeCpu(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return 0;
  }
}
