import { nestsDeeperThan } from './frame-depth';
import { OcppError } from './ocpp-error';

export const CALL = 2;
export const CALLRESULT = 3;
export const CALLERROR = 4;

export const MAX_UNIQUE_ID_LENGTH = 36;
/** Arrays and objects nested deeper than this make a frame a FormationViolation (OCPP 1.6 frames nest about 6). */
export const MAX_FRAME_DEPTH = 32;
/** The uniqueId used to answer a frame whose own uniqueId cannot be read. */
export const UNREADABLE_UNIQUE_ID = '-1';

export type Frame =
  | { type: typeof CALL; uniqueId: string; action: string; payload: unknown }
  | { type: typeof CALLRESULT; uniqueId: string; payload: unknown }
  | { type: typeof CALLERROR; uniqueId: string; errorCode: string; errorDescription: string; errorDetails: unknown };

/**
 * A frame that could not be parsed, with whatever uniqueId could be recovered for the answer, and the
 * parsed JSON when the text was JSON (never the raw text: it may hold idTags, and is never logged).
 */
export class FrameError extends OcppError {
  constructor(
    readonly uniqueId: string,
    code: OcppError['code'],
    message: string,
    readonly messageTypeId?: number,
    readonly parsed?: unknown,
  ) {
    super(code, message);
  }
}

function recoverUniqueId(text: string): string {
  const match = /^\s*\[\s*\d+\s*,\s*"([^"\\]{1,36})"/.exec(text);
  return match ? match[1] : UNREADABLE_UNIQUE_ID;
}

function recoverMessageTypeId(text: string): number | undefined {
  const match = /^\s*\[\s*(\d{1,2})\s*,/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Parses one OCPP-J text frame, or throws a FrameError naming the CALLERROR code to answer with. */
export function parseFrame(text: string): Frame {
  if (nestsDeeperThan(text, MAX_FRAME_DEPTH)) {
    throw new FrameError(recoverUniqueId(text), 'FormationViolation', `Frame nests deeper than ${MAX_FRAME_DEPTH} levels`, recoverMessageTypeId(text));
  }
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    throw new FrameError(recoverUniqueId(text), 'FormationViolation', 'Frame is not valid JSON');
  }
  try {
    return frameOf(message);
  } catch (error) {
    const frameError = error as FrameError;
    throw new FrameError(frameError.uniqueId, frameError.code, frameError.message, frameError.messageTypeId, message);
  }
}

function frameOf(message: unknown): Frame {
  if (!Array.isArray(message)) {
    throw new FrameError(UNREADABLE_UNIQUE_ID, 'FormationViolation', 'Frame must be a JSON array of 3 to 5 elements');
  }
  if (message.length < 3) {
    // A frame cut short may still name its uniqueId, and then the answer carries it. Its type, when it has
    // one, lets the session leave a broken CALLRESULT/CALLERROR unanswered, as it does for longer ones.
    const [type, uniqueId] = message;
    const readable = typeof uniqueId === 'string' && uniqueId.length > 0 && uniqueId.length <= MAX_UNIQUE_ID_LENGTH;
    throw new FrameError(
      readable ? uniqueId : UNREADABLE_UNIQUE_ID,
      'FormationViolation',
      'Frame must be a JSON array of 3 to 5 elements',
      typeof type === 'number' ? type : undefined,
    );
  }
  const [type, uniqueId] = message;
  if (typeof uniqueId !== 'string' || uniqueId.length === 0 || uniqueId.length > MAX_UNIQUE_ID_LENGTH) {
    const echo = typeof uniqueId === 'string' || typeof uniqueId === 'number' ? String(uniqueId).slice(0, 36) : UNREADABLE_UNIQUE_ID;
    throw new FrameError(echo, 'FormationViolation', `uniqueId must be a string of 1 to ${MAX_UNIQUE_ID_LENGTH} characters`, type);
  }
  switch (type) {
    case CALL: {
      if (typeof message[2] !== 'string' || message[2].length === 0) {
        throw new FrameError(uniqueId, 'FormationViolation', 'CALL action must be a non-empty string', type);
      }
      if (message.length < 4) throw new FrameError(uniqueId, 'ProtocolError', 'CALL has no payload', type);
      if (message.length > 4) throw new FrameError(uniqueId, 'FormationViolation', 'CALL must have exactly 4 elements', type);
      return { type, uniqueId, action: message[2], payload: message[3] };
    }
    case CALLRESULT:
      if (message.length !== 3) throw new FrameError(uniqueId, 'FormationViolation', 'CALLRESULT must have exactly 3 elements', type);
      return { type, uniqueId, payload: message[2] };
    case CALLERROR:
      if (message.length < 4 || message.length > 5 || typeof message[2] !== 'string') {
        throw new FrameError(uniqueId, 'FormationViolation', 'CALLERROR must be [4, uniqueId, errorCode, errorDescription, errorDetails]', type);
      }
      return {
        type,
        uniqueId,
        errorCode: message[2],
        errorDescription: typeof message[3] === 'string' ? message[3] : '',
        errorDetails: message[4] ?? {},
      };
    default:
      throw new FrameError(uniqueId, 'FormationViolation', `Unknown messageTypeId ${JSON.stringify(type)}`);
  }
}

export function serializeCall(uniqueId: string, action: string, payload: unknown): string {
  return JSON.stringify([CALL, uniqueId, action, payload]);
}

export function serializeResult(uniqueId: string, payload: unknown): string {
  return JSON.stringify([CALLRESULT, uniqueId, payload]);
}

export function serializeError(uniqueId: string, code: string, description: string, details: unknown = {}): string {
  return JSON.stringify([CALLERROR, uniqueId, code, description.slice(0, 255), details]);
}
