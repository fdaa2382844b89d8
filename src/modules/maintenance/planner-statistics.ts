import type { AppContext } from '../../app-context';
import { ownerSql } from '../../platform/db';

/** How often a worker looks for tables whose statistics lag behind their size. */
const CHECK_INTERVAL_MS = 10_000;

/**
 * Tables whose planner statistics are missing or out of date by size: never analyzed while holding rows, or
 * grown to more than twice (and 500 rows past) what their statistics say. Autovacuum analyzes tables too,
 * but at most once a minute (autovacuum_naptime) and not before it has visited the database, so a new
 * database planned blind for its first minute: with one tenant and no statistics, StartTransaction's
 * function scanned all of the tenant's transactions for a repeated start (1.2 ms at 600 rows, growing with
 * every start). This refreshes only what grew that fast; autovacuum stays in charge of everything else.
 */
const STALE_TABLES = `select c.relname as table
  from pg_stat_user_tables s join pg_class c on c.oid = s.relid
 where s.schemaname = current_schema() and s.n_live_tup > 0
   and (c.reltuples < 0 or s.n_live_tup > 2 * c.reltuples + 500)
 order by s.n_live_tup
 limit 10`;

/** Refreshes the planner's statistics of fast-growing tables (see STALE_TABLES); one worker in the cluster at a time. */
export class PlannerStatistics {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly app: AppContext) {}

  start(): void {
    const tick = () => {
      this.running ??= this.refresh()
        .catch((error) => this.app.log.warn({ err: error }, 'refreshing planner statistics failed'))
        .finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async refresh(): Promise<void> {
    const claimed = await this.app.redis.set(this.app.keys.plannerStatisticsLock(), this.app.config.nodeId, 'PX', CHECK_INTERVAL_MS - 1000, 'NX');
    if (claimed !== 'OK') return;
    const stale = await ownerSql<{ table: string }>(this.app.orm, STALE_TABLES, []);
    if (stale.length === 0) return;
    const started = performance.now();
    for (const { table } of stale) await ownerSql(this.app.orm, `analyze "${table.replace(/"/g, '""')}"`, []);
    this.app.log.info({ tables: stale.map((s) => s.table), ms: Math.round(performance.now() - started) }, 'refreshed planner statistics of fast-growing tables');
  }
}
