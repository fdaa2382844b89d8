import fs from 'node:fs';

/**
 * How long a count of open descriptors is reused: reading /proc/self/fd costs a directory listing, one
 * entry per descriptor (with 10,000 chargers connected, a few ms each time). Near the limit (within twice
 * the headroom) it is counted again every half second; further away, every 5 s: meanwhile every socket
 * let in adds one to the count and closes take nothing off, so the reused count only errs high.
 */
const COUNT_TTL_MS = 500;
const FAR_COUNT_TTL_MS = 5000;

/** The process's soft "Max open files" limit (ulimit -n), from /proc; Infinity where unknown or unlimited. */
export function openFilesSoftLimit(): number {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    return soft && /^\d+$/.test(soft) ? Number(soft) : Infinity;
  } catch {
    return Infinity;
  }
}

function openFilesNow(): number {
  try {
    return fs.readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}

/**
 * Open descriptors against the process's limit. Within `headroom` of the limit the OCPP listener refuses
 * new upgrades (503), so the descriptors left serve the API, PostgreSQL, Redis and established chargers.
 */
export class OpenFiles {
  readonly limit = openFilesSoftLimit();
  /** 0 means automatic: 10% of the limit, at most 500. */
  readonly headroom: number;
  private counted = { at: -Infinity, open: 0 };

  constructor(headroom: number, private readonly now: () => number = Date.now) {
    this.headroom = headroom > 0 ? headroom : Math.min(500, Math.ceil(this.limit * 0.1));
  }

  /**
   * `opening`: asked for a socket just accepted; when it is let in, it counts until the next real count, so
   * a burst of connections inside one count's lifetime cannot run past the headroom.
   */
  nearLimit(opening = false): boolean {
    if (!Number.isFinite(this.limit)) return false;
    const now = this.now();
    const threshold = this.limit - this.headroom;
    const ttl = this.counted.open < threshold - this.headroom ? FAR_COUNT_TTL_MS : COUNT_TTL_MS;
    if (now - this.counted.at >= ttl) this.counted = { at: now, open: openFilesNow() };
    const near = this.counted.open >= threshold;
    if (opening && !near) this.counted.open++;
    return near;
  }
}
