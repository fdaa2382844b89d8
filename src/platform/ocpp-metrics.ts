import type { Counter, Histogram } from 'prom-client';
import { CHARGE_POINT_ACTIONS, CSMS_ACTIONS } from '../ocpp/actions';
import { isOcppErrorCode } from '../ocpp/ocpp-error';
import type { FrameEvent } from '../ocpp/ocpp-session';
import { ocppCallErrors, ocppHandlingSeconds, ocppMessages, onFrameCountsScrape } from './metrics';

/**
 * Per-frame metrics on the hot path: each label combination is a cell found through nested maps (constant
 * keys, so a lookup builds no strings), and counting a frame adds one to a plain number. The counters take
 * the counts on scrape (metrics.ts), so prom-client hashes labels once per combination and scrape, not per
 * frame. Actions and error codes outside OCPP 1.6 (a charge point can send any string) are counted as
 * `other`, which keeps the label sets bounded.
 */
const KNOWN_ACTIONS: ReadonlySet<string> = new Set<string>([...CHARGE_POINT_ACTIONS, ...CSMS_ACTIONS]);
const MESSAGE_TYPES: Record<number, string> = { 2: 'CALL', 3: 'CALLRESULT', 4: 'CALLERROR' };
const CALLERROR = 4;

type Direction = FrameEvent['direction'];

interface CountCell {
  counter: Counter;
  labels: Record<string, string>;
  uncounted: number;
}

const cells: CountCell[] = [];

function newCell(counter: Counter, labels: Record<string, string>): CountCell {
  const cell = { counter, labels, uncounted: 0 };
  cells.push(cell);
  return cell;
}

onFrameCountsScrape(() => {
  for (const cell of cells) {
    if (cell.uncounted === 0) continue;
    cell.counter.inc(cell.labels, cell.uncounted);
    cell.uncounted = 0;
  }
});

// By direction, then type, then action (or code).
const messageCells: Record<Direction, Map<string, Map<string, CountCell>>> = { IN: new Map(), OUT: new Map() };
const callErrorCells: Record<Direction, Map<string, CountCell>> = { IN: new Map(), OUT: new Map() };
const handlingChildren = new Map<string, Histogram.Internal<'action'>>();

function actionLabel(action: string | undefined): string {
  if (action === undefined) return 'unknown';
  return KNOWN_ACTIONS.has(action) ? action : 'other';
}

function messageCell(action: string, direction: Direction, type: string): CountCell {
  let byAction = messageCells[direction].get(type);
  if (!byAction) messageCells[direction].set(type, (byAction = new Map()));
  let cell = byAction.get(action);
  if (!cell) byAction.set(action, (cell = newCell(ocppMessages, { action, direction, type })));
  return cell;
}

function callErrorCell(code: string, direction: Direction): CountCell {
  let cell = callErrorCells[direction].get(code);
  if (!cell) callErrorCells[direction].set(code, (cell = newCell(ocppCallErrors, { code, direction })));
  return cell;
}

function handlingHistogram(action: string) {
  let child = handlingChildren.get(action);
  if (!child) handlingChildren.set(action, (child = ocppHandlingSeconds.labels(action)));
  return child;
}

/** Counts one frame seen by an OcppSession (its `onFrame` event). */
export function recordOcppFrame(event: FrameEvent): void {
  const action = actionLabel(event.action);
  // A frame that could not be parsed has no trustworthy type: it is counted as INVALID.
  const unparsed = event.direction === 'IN' && event.errorCode !== undefined && event.messageTypeId !== CALLERROR;
  const type = unparsed ? 'INVALID' : (MESSAGE_TYPES[event.messageTypeId] ?? 'INVALID');
  messageCell(action, event.direction, type).uncounted++;
  if (type === 'CALLERROR') {
    callErrorCell(isOcppErrorCode(event.errorCode) ? event.errorCode : 'other', event.direction).uncounted++;
  }
  if (event.handlingMs !== undefined) handlingHistogram(action).observe(event.handlingMs / 1000);
}
