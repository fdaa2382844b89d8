import type { Counter, Histogram } from 'prom-client';
import { CHARGE_POINT_ACTIONS, CSMS_ACTIONS } from '../ocpp/actions';
import { isOcppErrorCode } from '../ocpp/ocpp-error';
import type { FrameEvent } from '../ocpp/ocpp-session';
import { ocppCallErrors, ocppHandlingSeconds, ocppMessages } from './metrics';

/**
 * Per-frame metrics on the hot path: label children are looked up once per label combination and then
 * taken from nested maps, so counting a frame allocates nothing. Actions and error codes outside OCPP 1.6
 * (a charge point can send any string) are counted as `other`, which keeps the label sets bounded.
 */
const KNOWN_ACTIONS: ReadonlySet<string> = new Set<string>([...CHARGE_POINT_ACTIONS, ...CSMS_ACTIONS]);
const MESSAGE_TYPES: Record<number, string> = { 2: 'CALL', 3: 'CALLRESULT', 4: 'CALLERROR' };
const CALLERROR = 4;

type Direction = FrameEvent['direction'];

// By direction, then type, then action (or code): constant keys, so a lookup builds no strings.
const messageChildren: Record<Direction, Map<string, Map<string, Counter.Internal>>> = { IN: new Map(), OUT: new Map() };
const callErrorChildren: Record<Direction, Map<string, Counter.Internal>> = { IN: new Map(), OUT: new Map() };
const handlingChildren = new Map<string, Histogram.Internal<'action'>>();

function actionLabel(action: string | undefined): string {
  if (action === undefined) return 'unknown';
  return KNOWN_ACTIONS.has(action) ? action : 'other';
}

function messageCounter(action: string, direction: Direction, type: string) {
  let byAction = messageChildren[direction].get(type);
  if (!byAction) messageChildren[direction].set(type, (byAction = new Map()));
  let child = byAction.get(action);
  if (!child) byAction.set(action, (child = ocppMessages.labels(action, direction, type)));
  return child;
}

function callErrorCounter(code: string, direction: Direction) {
  let child = callErrorChildren[direction].get(code);
  if (!child) callErrorChildren[direction].set(code, (child = ocppCallErrors.labels(code, direction)));
  return child;
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
  messageCounter(action, event.direction, type).inc();
  if (type === 'CALLERROR') {
    callErrorCounter(isOcppErrorCode(event.errorCode) ? event.errorCode : 'other', event.direction).inc();
  }
  if (event.handlingMs !== undefined) handlingHistogram(action).observe(event.handlingMs / 1000);
}
