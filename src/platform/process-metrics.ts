import fs from 'node:fs';
import client from 'prom-client';

/**
 * prom-client's default metrics, except that the ones costing work per open socket are served from a
 * snapshot taken at most every SNAPSHOT_MS: `process_open_fds` lists /proc/self/fd, and
 * `nodejs_active_handles(_total)` and `nodejs_active_resources(_total)` build an array of every handle
 * (twice each, one call per gauge). With 10,000 chargers connected one scrape cost 70-170 ms of the event
 * loop (the listing ~30 ms of CPU), so a scrape each second stalled every call in flight. The names, help
 * and labels stay prom-client's; the listing runs off the event loop (an asynchronous readdir).
 */
const SNAPSHOT_MS = 15_000;

const PER_SOCKET = ['process_open_fds', 'nodejs_active_handles', 'nodejs_active_handles_total', 'nodejs_active_resources', 'nodejs_active_resources_total'];

interface Snapshot {
  at: number;
  openFds: number | undefined;
  handles: Map<string, number>;
  handlesTotal: number;
  resources: Map<string, number>;
  resourcesTotal: number;
}

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const name = key(item);
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

async function openFds(): Promise<number | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    // Minus the descriptor the listing itself held open (as prom-client counts).
    return (await fs.promises.readdir('/proc/self/fd')).length - 1;
  } catch {
    return undefined;
  }
}

async function takeSnapshot(): Promise<Snapshot> {
  const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
  const resources = process.getActiveResourcesInfo();
  return {
    at: performance.now(),
    openFds: await openFds(),
    handles: countBy(handles, (h) => (h as { constructor?: { name: string } }).constructor?.name),
    handlesTotal: handles.length,
    resources: countBy(resources, (r) => r),
    resourcesTotal: resources.length,
  };
}

/** The last snapshot while it is fresh, else one new one for every gauge of the scrape. */
class SnapshotCache {
  private last: Snapshot | undefined;
  private pending: Promise<Snapshot> | undefined;

  get(): Promise<Snapshot> {
    if (this.last && performance.now() - this.last.at < SNAPSHOT_MS) return Promise.resolve(this.last);
    this.pending ??= takeSnapshot().then((taken) => {
      this.last = taken;
      this.pending = undefined;
      return taken;
    });
    return this.pending;
  }
}

function setByType(gauge: client.Gauge<'type'>, counts: ReadonlyMap<string, number>): void {
  gauge.reset();
  for (const [type, n] of counts) gauge.set({ type }, n);
}

/** Default metrics into `registry`, the per-socket ones from a snapshot (see above). */
export function collectProcessMetrics(registry: client.Registry): void {
  client.collectDefaultMetrics({ register: registry });
  for (const name of PER_SOCKET) registry.removeSingleMetric(name);
  const cache = new SnapshotCache();
  const registers = [registry];
  const total = (name: string, help: string, read: (snapshot: Snapshot) => number | undefined) =>
    new client.Gauge({
      name,
      help,
      registers,
      async collect() {
        const value = read(await cache.get());
        if (value !== undefined) this.set(value);
      },
    });
  const byType = (name: string, help: string, read: (snapshot: Snapshot) => ReadonlyMap<string, number>) =>
    new client.Gauge({
      name,
      help,
      labelNames: ['type'] as const,
      registers,
      async collect() {
        setByType(this, read(await cache.get()));
      },
    });
  if (process.platform === 'linux') total('process_open_fds', 'Number of open file descriptors.', (s) => s.openFds);
  byType('nodejs_active_handles', 'Number of active libuv handles grouped by handle type. Every handle type is C++ class name.', (s) => s.handles);
  total('nodejs_active_handles_total', 'Total number of active handles.', (s) => s.handlesTotal);
  byType('nodejs_active_resources', 'Number of active resources that are currently keeping the event loop alive, grouped by async resource type.', (s) => s.resources);
  total('nodejs_active_resources_total', 'Total number of active resources.', (s) => s.resourcesTotal);
}
