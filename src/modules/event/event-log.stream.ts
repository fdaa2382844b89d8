import type { AppContext } from '../../app-context';
import { countStream } from '../../api/event-stream';
import { tenantEm } from '../../platform/db';
import { LIVE_TYPE, type LiveEvent } from './event-types';
import { lastSequence, matches, readEvents, sequenceAfter, type EventFilter, type EventNode } from './event-log.reader';
import type { EventLogType } from './event-types';

/** Live events held while the replay runs (or the reader is slow); past this the oldest go, and are read back from the log. */
const MAX_BUFFERED = 10_000;
const PAGE = 500;
/** A subscription with no live event for this long reads the log once, in case a live message was lost. */
const QUIET_CHECK_MS = 10_000;
/** The live types that carry the log's events: every one of them, so every sequence of the tenant is seen. */
const LOGGED_LIVE_TYPES = [...new Set(Object.values(LIVE_TYPE))];

/**
 * The `events` subscription: the tenant's stored events after the cursor, then live ones, each once and in
 * sequence order. It listens live first and buffers, then replays from the database, then drains the buffer
 * skipping what the replay covered; a live event whose sequence jumps past the next expected one (a missed
 * or dropped message) has the missing range read from the log first. Every sequence of the tenant is
 * tracked, filtered or not, so a gap is always seen; live events reach every node, so this works on any.
 */
export async function eventLogStream(app: AppContext, tenantId: string, after: string | null | undefined, filter: EventFilter): Promise<AsyncIterableIterator<EventNode>> {
  const em = () => tenantEm(app.orm, tenantId);
  const incoming: EventNode[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = await app.events.subscribe(tenantId, LOGGED_LIVE_TYPES, (event: LiveEvent) => {
    if (event.tenantId !== tenantId || !event.logged) return;
    const { id, sequence, type, occurredAt } = event.logged;
    incoming.push({ id, sequence, type: type as EventLogType, chargePointId: event.chargePointId, occurredAt, payload: event.payload });
    if (incoming.length > MAX_BUFFERED) incoming.shift();
    wake?.();
  });
  // Checked after listening: absent a cursor, what is already committed is "old".
  let last: number;
  try {
    last = after == null ? await lastSequence(em()) : await sequenceAfter(em(), after);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  countStream(tenantId, 1);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    countStream(tenantId, -1);
    incoming.length = 0;
    wake?.();
  };

  async function* fromLog(upTo?: number): AsyncGenerator<EventNode> {
    for (;;) {
      const page = await readEvents(em(), last, PAGE, {}, upTo);
      for (const event of page) {
        last = event.sequence;
        if (matches(event, filter)) yield event;
      }
      if (page.length < PAGE || closed) return;
    }
  }

  async function* run(): AsyncGenerator<EventNode> {
    yield* fromLog();
    while (!closed) {
      const event = incoming.shift();
      if (!event) {
        let timer: NodeJS.Timeout | undefined;
        const woken = await new Promise<boolean>((resolve) => {
          wake = () => resolve(true);
          if (incoming.length > 0 || closed) resolve(true);
          timer = setTimeout(() => resolve(false), QUIET_CHECK_MS);
        });
        clearTimeout(timer);
        wake = undefined;
        // Quiet for a while: a live message lost on the way (a Redis hiccup) would show only with the next
        // event, so the log is asked directly.
        if (!woken && !closed) yield* fromLog();
        continue;
      }
      if (event.sequence <= last) continue;
      if (event.sequence > last + 1) yield* fromLog(event.sequence - 1);
      last = event.sequence;
      if (matches(event, filter)) yield event;
    }
  }

  const generator = run();
  const iterator: AsyncIterableIterator<EventNode> = {
    async next() {
      if (closed) return { value: undefined, done: true };
      try {
        return await generator.next();
      } catch (error) {
        close();
        throw error;
      }
    },
    async return() {
      close();
      await generator.return(undefined).catch(() => undefined);
      return { value: undefined, done: true };
    },
    async throw(error) {
      close();
      return generator.throw(error);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
