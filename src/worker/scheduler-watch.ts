import type { AppContext } from '../app-context';
import { restoreMaintenanceSchedulers } from '../modules/maintenance/maintenance.jobs';

/** How often a worker checks that the maintenance schedulers still exist. */
const CHECK_INTERVAL_MS = 10_000;

/**
 * The maintenance schedulers live only in Redis: a Redis that comes back without its data has none, and
 * presence reconcile, command re-queue and retention would stop. Every worker puts back missing ones when
 * its Redis connection is ready again and on a cheap timer. Re-installed `every` schedulers fire at once,
 * so the command re-queue tick gives QUEUED commands (PostgreSQL is the source of truth) their lost jobs;
 * for one maintenance interval after that, this watch runs the re-queue every CHECK_INTERVAL_MS too.
 */
export function watchMaintenanceSchedulers(app: AppContext): () => void {
  let checking = false;
  // After a loss, commands that fall due (plus the orphan delay) before the re-installed tick's next run
  // would wait a whole MAINTENANCE_INTERVAL_S: until then this watch runs the re-queue on its own timer.
  let requeueUntil = 0;
  const check = () => {
    if (checking) return;
    checking = true;
    restoreMaintenanceSchedulers(app)
      .then(async (missing) => {
        if (missing.length > 0) {
          app.log.warn({ schedulers: missing }, 'maintenance schedulers were missing (Redis lost data?): installed again');
          requeueUntil = Date.now() + app.config.maintenanceIntervalS * 1000;
        } else if (Date.now() < requeueUntil) {
          await app.jobs.maintenance.add('commands.tick', {}, { removeOnComplete: true, removeOnFail: true });
        }
      })
      .catch((error) => app.log.warn({ err: error }, 'checking the maintenance schedulers failed'))
      .finally(() => (checking = false));
  };
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  timer.unref();
  const stopListening = app.jobs.onReady(check);
  return () => {
    clearInterval(timer);
    stopListening();
  };
}
