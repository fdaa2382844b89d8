import { randomUUID } from 'node:crypto';
import { ChargePointCallError, ChargePointOfflineError, ChargePointTimeoutError } from './call-errors';
import { CALL, CALLERROR, CALLRESULT, FrameError, parseFrame, serializeCall, serializeError, serializeResult, type Frame } from './frames';
import { OcppError, isOcppErrorCode } from './ocpp-error';
import { hasSchema, validatePayload } from './validator';

/**
 * One OCPP-J 1.6 peer, seen from the CSMS. It knows frames, call correlation and schemas, and nothing
 * about sockets, databases or tenants: an adapter feeds it text and gives it a way to send text.
 */
export interface SessionTransport {
  /** false: the frame could not go out (the socket is closing or closed). */
  send(text: string): boolean | void;
  close(code: number, reason: string): void;
  /** Called with true when the peer's calls pile up (stop reading from it), false once they drained. */
  setBacklogged?(backlogged: boolean): void;
}

/** A handler that can answer at once returns the answer itself: no promise per call on the hot path (Heartbeat). */
export type CallHandler = (action: string, payload: unknown, uniqueId: string) => unknown;

export interface FrameEvent {
  direction: 'IN' | 'OUT';
  messageTypeId: number;
  uniqueId: string;
  action?: string;
  payload?: unknown;
  errorCode?: string;
  /** Milliseconds the handler took, for answers to incoming calls. */
  handlingMs?: number;
}

export interface SessionOptions {
  transport: SessionTransport;
  handler: CallHandler;
  callTimeoutMs: number;
  /** Calls from the charge point waiting for their turn; past it they are answered GenericError. */
  maxQueuedCalls?: number;
  /** Unparseable or invalid frames tolerated within `badFrameWindowMs` before the socket is closed. */
  maxBadFrames?: number;
  badFrameWindowMs?: number;
  /** Calls from the charge point pass through this limiter; a refused call is answered GenericError unhandled. */
  callLimiter?: { take(): boolean };
  onRateLimited?: () => void;
  onFrame?: (event: FrameEvent) => void;
  /** Before validation: a charge point's known deviations repaired (see quirks.ts); left out for a charge point without quirks. */
  repair?: (action: string, payload: unknown, uniqueId: string) => unknown;
  /** An answer that could not go out: the connection closed while its call was being handled. */
  onUndelivered?: (event: FrameEvent) => void;
  /** `uniqueId`: the message the problem is about, when there is one (for logs). */
  onProtocolWarning?: (message: string, detail?: unknown, uniqueId?: string) => void;
}

interface IncomingCall {
  uniqueId: string;
  action: string;
  payload: unknown;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

interface PendingCall {
  uniqueId: string;
  action: string;
  payload: unknown;
  timeoutMs: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  /** performance.now() by which the caller gets its answer or a timeout. */
  deadline: number;
}

/** WebSocket close code for a peer that keeps breaking the protocol (RFC 6455 policy violation). */
export const CLOSE_POLICY_VIOLATION = 1008;

/** Calls that timed out after they were sent, remembered so a late answer is still attributed (and redacted as its action says). */
const REMEMBERED_EXPIRED_CALLS = 16;
const EXPIRED_CALL_MEMORY_MS = 10 * 60_000;

export class OcppSession {
  private readonly outgoingQueue: PendingCall[] = [];
  private inFlight: PendingCall | undefined;
  /** Calls from the charge point received while another one is being handled, in arrival order. */
  private waitingIncoming: IncomingCall[] = [];
  private handlingIncoming = false;
  private queuedIncoming = 0;
  private badFrameTimes: number[] = [];
  /** Made on the first timeout: most connections never have one (per-connection memory). */
  private expiredCalls: Map<string, { action: string; at: number }> | undefined;
  private backlogged = false;
  private closed = false;

  constructor(private readonly options: SessionOptions) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Feed one text frame received from the charge point. */
  receive(text: string): void {
    if (this.closed) return;
    let frame: Frame;
    try {
      frame = parseFrame(text);
    } catch (error) {
      const frameError = error as FrameError;
      // The parsed JSON, when there is one, goes through the same redaction as any payload; raw text never does.
      this.notify({ direction: 'IN', messageTypeId: frameError.messageTypeId ?? 0, uniqueId: frameError.uniqueId, payload: frameError.parsed, errorCode: frameError.code });
      // Answering a broken CALLRESULT/CALLERROR would start an error loop; those are only logged.
      if (frameError.messageTypeId !== CALLRESULT && frameError.messageTypeId !== CALLERROR) {
        this.sendError(frameError.uniqueId, frameError.code, frameError.message);
      } else {
        this.options.onProtocolWarning?.(frameError.message, undefined, frameError.uniqueId);
      }
      this.countBadFrame();
      return;
    }
    this.notify({
      direction: 'IN',
      messageTypeId: frame.type,
      uniqueId: frame.uniqueId,
      action: frame.type === CALL ? frame.action : this.answeredAction(frame.uniqueId),
      payload: frame.type === CALLERROR ? frame.errorDetails : frame.payload,
      errorCode: frame.type === CALLERROR ? frame.errorCode : undefined,
    });
    if (frame.type === CALL) this.enqueueIncoming(frame.uniqueId, frame.action, frame.payload);
    else this.settleOutgoing(frame);
  }

  /** Sends a CALL and resolves with the validated CALLRESULT payload. Calls are sent one at a time. */
  call(action: string, payload: unknown, timeoutMs = this.options.callTimeoutMs, uniqueId: string = randomUUID()): Promise<unknown> {
    if (this.closed) return Promise.reject(new ChargePointOfflineError());
    validatePayload(action, 'req', payload);
    return new Promise((resolve, reject) => {
      const entry: PendingCall = { uniqueId, action, payload, timeoutMs, deadline: performance.now() + timeoutMs, resolve, reject };
      // The wait counts from now, not from when the call leaves the queue: a caller behind a charge point
      // that does not answer gets its timeout on time, and a call that waited it out is never sent.
      entry.timer = setTimeout(() => this.expire(entry), timeoutMs);
      this.outgoingQueue.push(entry);
      this.sendNextCall();
    });
  }

  /** The action a CALLRESULT/CALLERROR answers: the call in flight, or one that timed out a short while ago. */
  private answeredAction(uniqueId: string): string | undefined {
    if (this.inFlight?.uniqueId === uniqueId) return this.inFlight.action;
    const expired = this.expiredCalls?.get(uniqueId);
    return expired && Date.now() - expired.at < EXPIRED_CALL_MEMORY_MS ? expired.action : undefined;
  }

  private expire(entry: PendingCall): void {
    if (this.inFlight === entry) {
      this.inFlight = undefined;
      const expiredCalls = (this.expiredCalls ??= new Map());
      if (expiredCalls.size >= REMEMBERED_EXPIRED_CALLS) expiredCalls.delete(expiredCalls.keys().next().value as string);
      expiredCalls.set(entry.uniqueId, { action: entry.action, at: Date.now() });
      entry.reject(new ChargePointTimeoutError(entry.timeoutMs));
      this.sendNextCall();
      return;
    }
    const queued = this.outgoingQueue.indexOf(entry);
    if (queued < 0) return;
    this.outgoingQueue.splice(queued, 1);
    entry.reject(new ChargePointTimeoutError(entry.timeoutMs));
  }

  /** Stops the session: pending and queued calls fail as offline. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const error = new ChargePointOfflineError('Charge point disconnected');
    if (this.inFlight) {
      clearTimeout(this.inFlight.timer);
      this.inFlight.reject(error);
      this.inFlight = undefined;
    }
    for (const pending of this.outgoingQueue.splice(0)) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }

  private enqueueIncoming(uniqueId: string, action: string, payload: unknown): void {
    if (this.options.callLimiter && !this.options.callLimiter.take()) {
      this.options.onRateLimited?.();
      this.sendError(uniqueId, 'GenericError', 'Rate limit exceeded: too many calls');
      // A charge point that stays over its rate uses up its bad-frame budget and is disconnected.
      this.countBadFrame();
      return;
    }
    const max = this.options.maxQueuedCalls ?? 100;
    if (this.queuedIncoming >= max) {
      this.sendError(uniqueId, 'GenericError', `More than ${max} calls waiting for an answer`);
      // OCPP-J allows one call at a time: a peer this far ahead is flooding.
      this.countBadFrame();
      return;
    }
    this.queuedIncoming++;
    // Past half the queue, stop reading from the peer until its calls are answered: its flood waits in its
    // own socket buffers, not in our memory or in front of other charge points' frames.
    this.setBacklogged(this.queuedIncoming >= Math.max(1, Math.floor(max / 2)));
    // Calls are handled strictly in arrival order: chargers send a second CALL before the first is answered.
    const call = { uniqueId, action, payload };
    if (this.handlingIncoming) this.waitingIncoming.push(call);
    else this.runIncoming(call);
  }

  /**
   * Handles `call` and then whatever arrived meanwhile. A call answered at once (Heartbeat) costs no
   * promise; one that waits (a database write) holds the others back until it is answered.
   */
  private runIncoming(first: IncomingCall): void {
    let call: IncomingCall | undefined = first;
    while (call) {
      let pending: PromiseLike<void> | void = undefined;
      try {
        pending = this.handleCall(call.uniqueId, call.action, call.payload);
      } catch (error) {
        this.options.onProtocolWarning?.('Handling a call failed', error, call.uniqueId);
      }
      if (pending) {
        this.handlingIncoming = true;
        const { uniqueId } = call;
        pending.then(
          () => this.incomingDone(),
          (error: unknown) => {
            this.options.onProtocolWarning?.('Handling a call failed', error, uniqueId);
            this.incomingDone();
          },
        );
        return;
      }
      this.countIncomingDone();
      call = this.nextWaiting();
    }
  }

  /** The next waiting call; an emptied queue is replaced, so a connection's backing store does not keep its largest burst. */
  private nextWaiting(): IncomingCall | undefined {
    const next = this.waitingIncoming.shift();
    if (next && this.waitingIncoming.length === 0) this.waitingIncoming = [];
    return next;
  }

  private incomingDone(): void {
    this.handlingIncoming = false;
    this.countIncomingDone();
    const next = this.nextWaiting();
    if (next) this.runIncoming(next);
  }

  private countIncomingDone(): void {
    this.queuedIncoming--;
    if (this.queuedIncoming === 0) this.setBacklogged(false);
  }

  private setBacklogged(backlogged: boolean): void {
    if (backlogged === this.backlogged) return;
    this.backlogged = backlogged;
    this.options.transport.setBacklogged?.(backlogged);
  }

  /** Answers one call; a promise only when something on the way (repair, handler) had to wait. */
  private handleCall(uniqueId: string, action: string, payload: unknown): PromiseLike<void> | void {
    const started = performance.now();
    let repaired: unknown;
    try {
      if (!hasSchema(action, 'req')) throw new OcppError('NotImplemented', `Unknown action ${action}`);
      repaired = this.options.repair ? this.options.repair(action, payload, uniqueId) : payload;
    } catch (error) {
      return this.callFailed(uniqueId, action, error, started);
    }
    if (isPromiseLike(repaired)) {
      return repaired.then(
        (value) => this.handleRepaired(uniqueId, action, value, started),
        (error: unknown) => this.callFailed(uniqueId, action, error, started),
      );
    }
    return this.handleRepaired(uniqueId, action, repaired, started);
  }

  private handleRepaired(uniqueId: string, action: string, payload: unknown, started: number): PromiseLike<void> | void {
    let response: unknown;
    try {
      validatePayload(action, 'req', payload);
      response = this.options.handler(action, payload, uniqueId);
    } catch (error) {
      return this.callFailed(uniqueId, action, error, started);
    }
    if (isPromiseLike(response)) {
      return response.then(
        (value) => this.answer(uniqueId, action, value, started),
        (error: unknown) => this.callFailed(uniqueId, action, error, started),
      );
    }
    this.answer(uniqueId, action, response, started);
  }

  private callFailed(uniqueId: string, action: string, error: unknown, started: number): void {
    if (error instanceof OcppError) {
      // Unknown actions count too: a flood of them would otherwise cost a log line and an answer each, forever.
      if (error.code !== 'InternalError') this.countBadFrame();
      this.sendError(uniqueId, error.code, error.message, error.details, action, started);
    } else {
      this.options.onProtocolWarning?.(`Handler for ${action} failed`, error, uniqueId);
      this.sendError(uniqueId, 'InternalError', 'The CSMS could not process this call', {}, action, started);
    }
  }

  private answer(uniqueId: string, action: string, response: unknown, started: number): void {
    try {
      validatePayload(action, 'conf', response);
    } catch (error) {
      this.options.onProtocolWarning?.(`Handler for ${action} produced an invalid answer`, { error, response }, uniqueId);
      this.sendError(uniqueId, 'InternalError', 'The CSMS produced an invalid answer', {}, action, started);
      return;
    }
    this.emit(serializeResult(uniqueId, response), { direction: 'OUT', messageTypeId: CALLRESULT, uniqueId, action, payload: response, handlingMs: performance.now() - started });
  }

  private sendError(uniqueId: string, code: string, description: string, details: unknown = {}, action?: string, started?: number): void {
    this.emit(serializeError(uniqueId, code, description, details), {
      direction: 'OUT',
      messageTypeId: CALLERROR,
      uniqueId,
      action,
      errorCode: code,
      payload: details,
      handlingMs: started === undefined ? undefined : performance.now() - started,
    });
  }

  private sendNextCall(): void {
    if (this.inFlight || this.closed) return;
    let next = this.outgoingQueue.shift();
    // A call whose turn comes with less than half its timeout left is not sent: the charge point could act
    // on it after the caller was told it timed out (and a scheduled command would then be sent twice).
    while (next && next.deadline - performance.now() < next.timeoutMs / 2) {
      clearTimeout(next.timer);
      next.reject(new ChargePointTimeoutError(next.timeoutMs));
      next = this.outgoingQueue.shift();
    }
    if (!next) return;
    this.inFlight = next;
    this.emit(serializeCall(next.uniqueId, next.action, next.payload), { direction: 'OUT', messageTypeId: CALL, uniqueId: next.uniqueId, action: next.action, payload: next.payload });
  }

  private settleOutgoing(frame: Extract<Frame, { type: 3 | 4 }>): void {
    const pending = this.inFlight;
    if (!pending || pending.uniqueId !== frame.uniqueId) {
      // A late answer to a call that timed out is slowness, not a violation; anything else is.
      if (this.expiredCalls?.delete(frame.uniqueId)) {
        this.options.onProtocolWarning?.('Ignoring a late answer to a call that timed out', undefined, frame.uniqueId);
        return;
      }
      this.options.onProtocolWarning?.('Ignoring answer for unknown uniqueId', undefined, frame.uniqueId);
      this.countBadFrame();
      return;
    }
    clearTimeout(pending.timer);
    this.inFlight = undefined;
    if (frame.type === CALLRESULT) {
      try {
        validatePayload(pending.action, 'conf', frame.payload);
        pending.resolve(frame.payload);
      } catch (error) {
        const ocppError = error as OcppError;
        pending.reject(new ChargePointCallError(ocppError.code, `Invalid ${pending.action} answer: ${ocppError.message}`, ocppError.details));
      }
    } else {
      const code = isOcppErrorCode(frame.errorCode) ? frame.errorCode : 'GenericError';
      pending.reject(new ChargePointCallError(code, frame.errorDescription, frame.errorDetails));
    }
    this.sendNextCall();
  }

  private countBadFrame(): void {
    const now = Date.now();
    const window = this.options.badFrameWindowMs ?? 60_000;
    this.badFrameTimes = this.badFrameTimes.filter((t) => now - t < window);
    this.badFrameTimes.push(now);
    if (this.badFrameTimes.length > (this.options.maxBadFrames ?? 50)) {
      this.options.onProtocolWarning?.('Too many bad frames; closing the connection');
      this.options.transport.close(CLOSE_POLICY_VIOLATION, 'Too many invalid frames');
      this.close();
    }
  }

  private emit(text: string, event: FrameEvent): void {
    if (this.closed || this.options.transport.send(text) === false) {
      this.options.onUndelivered?.(event);
      return;
    }
    this.notify(event);
  }

  /** An observer's failure (metrics, logs, events) is reported, never let through to the socket's handler. */
  private notify(event: FrameEvent): void {
    try {
      this.options.onFrame?.(event);
    } catch (error) {
      this.options.onProtocolWarning?.('Observing a frame failed', error, event.uniqueId);
    }
  }
}
