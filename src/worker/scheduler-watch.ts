import type { AppContext } from '../app-context';
import { restoreMaintenanceSchedulers } from '../modules/maintenance/maintenance.jobs';

/** How often a worker checks that the maintenance schedulers still exist. */
const CHECK_INTERVAL_MS = 10_000;

/**
 * The maintenance schedulers live only in Redis: a Redis that comes back without its data has none, and
 * presence reconcile, command re-queue and retention would stop. Every worker puts back missing ones when
 * its Redis connection is ready again and on a cheap timer. Re-installed `every` schedulers fire at once,
 * so the command re-queue tick gives QUEUED commands (PostgreSQL is the source of truth) their lost jobs.
 */
export function watchMaintenanceSchedulers(app: AppContext): () => void {
  let checking = false;
  const check = () => {
    if (checking) return;
    checking = true;
    restoreMaintenanceSchedulers(app)
      .then((missing) => {
        if (missing.length > 0) app.log.warn({ schedulers: missing }, 'maintenance schedulers were missing (Redis lost data?): installed again');
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
