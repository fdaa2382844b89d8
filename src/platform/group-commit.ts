/**
 * Group commit: each item is written before its promise settles, but items that arrive while a write is in
 * flight wait and go together in the next one (at most `maxInFlight` writes at a time, `maxBatch` items
 * each). A lone item is written at once; under load, many cost one statement. `writeBatch` returns one
 * result per item, in order. When a batch fails and `splitOn(error)` says the failure is the content's (a
 * value the database refuses), it is split in halves until the item at fault fails alone; any other failure
 * fails the whole batch. Past `maxWaiting` queued items, new ones are refused at once.
 */
export class GroupCommit<T, R> {
  private waiting: Array<{ item: T; done: (result: R) => void; failed: (error: unknown) => void }> = [];
  private inFlight = 0;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<R[]>,
    private readonly options: { maxInFlight?: number; maxBatch?: number; maxWaiting?: number; splitOn?: (error: unknown) => boolean } = {},
  ) {}

  submit(item: T): Promise<R> {
    if (this.waiting.length >= (this.options.maxWaiting ?? Infinity)) return Promise.reject(new Error('write queue is full'));
    return new Promise((done, failed) => {
      this.waiting.push({ item, done, failed });
      this.pump();
    });
  }

  /** Nothing waiting and nothing in flight. */
  get idle(): boolean {
    return this.inFlight === 0 && this.waiting.length === 0;
  }

  /** Resolves once every item handed in so far is written (or failed): for shutdown. */
  async drain(): Promise<void> {
    while (this.inFlight > 0 || this.waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private pump(): void {
    while (this.inFlight < (this.options.maxInFlight ?? 1) && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch ?? Infinity);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: GroupCommit<T, R>['waiting']): Promise<void> {
    try {
      const results = await this.writeBatch(batch.map((b) => b.item));
      batch.forEach((b, i) => b.done(results[i]));
    } catch (error) {
      if (batch.length === 1 || !this.options.splitOn?.(error)) {
        for (const b of batch) b.failed(error);
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await this.flush(batch.slice(0, half));
      await this.flush(batch.slice(half));
    }
  }
}

/**
 * One group commit per key (a tenant, whose statements run in its own scope): made on first use and dropped
 * once idle, so a tenant that goes quiet (or is deleted) keeps nothing, and one tenant's queue is bounded by
 * its own `maxWaiting` without filling another's.
 */
export class KeyedGroupCommit<T, R> {
  private readonly byKey = new Map<string, GroupCommit<T, R>>();

  constructor(private readonly make: (key: string) => GroupCommit<T, R>) {}

  async submit(key: string, item: T): Promise<R> {
    let commit = this.byKey.get(key);
    if (!commit) this.byKey.set(key, (commit = this.make(key)));
    try {
      return await commit.submit(item);
    } finally {
      if (commit.idle && this.byKey.get(key) === commit) this.byKey.delete(key);
    }
  }
}

/** PostgreSQL's deadlock_detected and serialization_failure: the statement was rolled back whole, so it can run again. */
const CONFLICTS = new Set(['40P01', '40001']);

/**
 * Runs a single-statement batch write again when PostgreSQL chose it as a deadlock's victim (batches that
 * update many rows of one table in different orders can cross; each statement is rolled back whole, so a
 * second run writes exactly once).
 */
export async function retryingConflicts<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !CONFLICTS.has((error as { code?: string }).code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
